"""The catalogue file's columns, as a django-import-export resource.

One row per stock record: the artisan's SKU (``partner_sku``) with the artisan's
code is the key an import updates by. Export writes every cell the way the
import reads it back (``shop.catalogue_io.services``), so export -> import
changes nothing. Reading and checking rows is the services' job; this class
only says which columns exist and how a product is written into them.
"""
from import_export import fields, resources
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")

#: The file's columns, in order. Names are the interface (docs/catalogue_import.md).
COLUMNS = (
    "sku", "title", "artisan_code", "craft", "region",
    "materials", "materials_en", "technique", "technique_en", "story", "story_en",
    "certifications", "weight_grams", "length_cm", "width_cm", "height_cm",
    "price", "stock", "export_ready", "one_of_a_kind", "lead_time_days", "images",
)
#: A new product cannot be created without these.
REQUIRED_COLUMNS = ("sku", "title", "artisan_code", "craft", "price", "stock")
#: Several values in one cell (crafts, certificates, images) are separated by this.
LIST_SEPARATOR = "; "
CATEGORY_SEPARATOR = " > "


def category_full_name(category, names_by_path) -> str:
    """"Parent > Child" from treebeard's materialised path (no query per category)."""
    steps = len(category.path) // category.steplen
    return CATEGORY_SEPARATOR.join(names_by_path[category.path[:category.steplen * (i + 1)]] for i in range(steps))


def certification_cell(certification) -> str:
    expiry = certification.expiry_date.isoformat() if certification.expiry_date else ""
    return f"{certification.kind}:{certification.number}:{expiry}" if expiry else \
        f"{certification.kind}:{certification.number}"


class ProductResource(resources.Resource):
    """Export of stock records (each with its product) into ``COLUMNS``."""

    sku = fields.Field(column_name="sku")
    title = fields.Field(column_name="title")
    artisan_code = fields.Field(column_name="artisan_code")
    craft = fields.Field(column_name="craft")
    region = fields.Field(column_name="region")
    materials = fields.Field(column_name="materials")
    materials_en = fields.Field(column_name="materials_en")
    technique = fields.Field(column_name="technique")
    technique_en = fields.Field(column_name="technique_en")
    story = fields.Field(column_name="story")
    story_en = fields.Field(column_name="story_en")
    certifications = fields.Field(column_name="certifications")
    weight_grams = fields.Field(column_name="weight_grams")
    length_cm = fields.Field(column_name="length_cm")
    width_cm = fields.Field(column_name="width_cm")
    height_cm = fields.Field(column_name="height_cm")
    price = fields.Field(column_name="price")
    stock = fields.Field(column_name="stock")
    export_ready = fields.Field(column_name="export_ready")
    one_of_a_kind = fields.Field(column_name="one_of_a_kind")
    lead_time_days = fields.Field(column_name="lead_time_days")
    images = fields.Field(column_name="images")

    class Meta:
        export_order = COLUMNS

    def __init__(self, *, names_by_path=None, **kwargs):
        super().__init__(**kwargs)
        self.names_by_path = names_by_path or {}

    def get_queryset(self):
        return (StockRecord.objects.select_related("product__region", "partner")
                .prefetch_related("product__categories", "product__certifications", "product__images")
                .order_by("partner__code", "partner_sku", "pk"))

    # Values keep their type (int for numbers) so a spreadsheet holds numbers, not text.
    def dehydrate_sku(self, record):
        return record.partner_sku

    def dehydrate_title(self, record):
        return record.product.title

    def dehydrate_artisan_code(self, record):
        return record.partner.code

    def dehydrate_craft(self, record):
        names = sorted(category_full_name(c, self.names_by_path) for c in record.product.categories.all())
        return LIST_SEPARATOR.join(names)

    def dehydrate_region(self, record):
        return record.product.region.slug if record.product.region_id else ""

    def dehydrate_materials(self, record):
        return record.product.materials

    def dehydrate_materials_en(self, record):
        return record.product.materials_en

    def dehydrate_technique(self, record):
        return record.product.technique

    def dehydrate_technique_en(self, record):
        return record.product.technique_en

    def dehydrate_story(self, record):
        return record.product.story

    def dehydrate_story_en(self, record):
        return record.product.story_en

    def dehydrate_certifications(self, record):
        certificates = sorted(record.product.certifications.all(),
                              key=lambda c: (c.kind, c.number, c.expiry_date.isoformat() if c.expiry_date else ""))
        return LIST_SEPARATOR.join(certification_cell(c) for c in certificates)

    def dehydrate_weight_grams(self, record):
        return record.product.weight_grams

    def dehydrate_length_cm(self, record):
        return record.product.length_cm

    def dehydrate_width_cm(self, record):
        return record.product.width_cm

    def dehydrate_height_cm(self, record):
        return record.product.height_cm

    def dehydrate_price(self, record):
        # Whole rupiah: Rupiah has no usable sub-unit (see OSCAR_CURRENCY_FORMAT).
        return int(record.price) if record.price is not None else None

    def dehydrate_stock(self, record):
        return record.num_in_stock

    def dehydrate_export_ready(self, record):
        return "ya" if record.product.export_ready else "tidak"

    def dehydrate_one_of_a_kind(self, record):
        return "ya" if record.product.is_one_of_a_kind else "tidak"

    def dehydrate_lead_time_days(self, record):
        return record.product.lead_time_days

    def dehydrate_images(self, record):
        images = sorted(record.product.images.all(), key=lambda image: (image.display_order, image.pk))
        return LIST_SEPARATOR.join(image.original.name for image in images)
