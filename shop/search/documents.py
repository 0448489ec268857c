"""What the index knows of a product: its words by weight.

Built in batches with a fixed number of queries per batch, so a full reindex
of 10,000 products costs a few hundred queries, not tens of thousands.
"""
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone
from oscar.core.loading import get_model

from . import text

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Certification = get_model("catalogue", "Certification")
StockRecord = get_model("partner", "StockRecord")

#: Names buyers use for each certification kind, beside its code.
CERTIFICATION_WORDS = {
    Certification.BATIKMARK: "batikmark batik mark",
    Certification.HALAL: "halal",
    Certification.PIRT: "pirt p-irt",
    Certification.SNI: "sni standar nasional indonesia",
    Certification.INDIKASI_GEOGRAFIS: "indikasi geografis geographical indication ig",
}


@dataclass(frozen=True)
class Document:
    product_id: int
    weight_a: str
    weight_b: str
    weight_c: str
    weight_d: str

    @property
    def terms(self) -> set[str]:
        found = set()
        for weight in (self.weight_a, self.weight_b, self.weight_c, self.weight_d):
            found.update(word for word in weight.split() if 2 < len(word) <= 64 and not word.isdigit())
        return found


def valid_certifications() -> Q:
    """Certificates that count for buyers: approved and not expired."""
    today = timezone.localdate()
    return Q(review_status=Certification.APPROVED) & (Q(expiry_date__isnull=True) | Q(expiry_date__gte=today))


def documents_build(product_ids) -> tuple[list[Document], set[int]]:
    """Documents of the given products that are on the storefront, and the ids
    of those that are not (their documents are to be removed)."""
    ids = set(product_ids)
    products = list(
        Product.objects.filter(pk__in=ids)
        .browsable()
        .select_related("region")
        .prefetch_related(
            "categories",
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner").order_by("pk")),
            Prefetch("certifications", queryset=Certification.objects.filter(valid_certifications()),
                     to_attr="valid_certifications"),
        )
    )
    crafts = _category_names({category.path for p in products for category in p.categories.all()})
    documents = [_document(product, crafts) for product in products]
    return documents, ids - {document.product_id for document in documents}


def _category_names(paths: set[str]) -> dict[str, str]:
    """Each category path -> the names (both languages) of it and its ancestors."""
    step = Category.steplen
    prefixes = {path[:end] for path in paths for end in range(step, len(path) + 1, step)}
    names = {c.path: f"{c.name} {c.name_en}" for c in Category.objects.filter(path__in=prefixes).only(
        "path", "name", "name_en")}
    return {
        path: " ".join(names.get(path[:end], "") for end in range(step, len(path) + 1, step))
        for path in paths
    }


def _document(product, crafts: dict[str, str]) -> Document:
    region = product.region
    region_words = ""
    if region is not None:
        region_words = " ".join([region.name, region.province, *text.region_areas(region.name)])
    artisan = product.artisan
    artisan_words = f"{artisan.name} {artisan.maker_name or ''}" if artisan is not None else ""
    certificates = " ".join(CERTIFICATION_WORDS.get(c.kind, c.kind) for c in product.valid_certifications)
    return Document(
        product_id=product.pk,
        weight_a=text.index_text(product.title, *(crafts[c.path] for c in product.categories.all())),
        weight_b=text.index_text(region_words, artisan_words, certificates),
        weight_c=text.index_text(product.materials, product.materials_en, product.technique, product.technique_en),
        weight_d=text.index_text(product.story, product.story_en),
    )
