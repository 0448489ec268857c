"""factory_boy factories for the gallery's own models and Oscar's, shared by
every test package. Defaults build a buyable, curator-approved craft product
with one artisan, one region and one stock record priced in rupiah."""
import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from django.utils.text import slugify
from oscar.core.loading import get_model

Region = get_model("catalogue", "Region")
Category = get_model("catalogue", "Category")
ProductClass = get_model("catalogue", "ProductClass")
Product = get_model("catalogue", "Product")
Certification = get_model("catalogue", "Certification")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Daerah {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Region.KABUPATEN
    description = factory.LazyAttribute(lambda o: f"Kerajinan dari {o.name}.")
    description_en = factory.LazyAttribute(lambda o: f"Crafts from {o.name}.")

    class Meta:
        model = Region
        django_get_or_create = ("slug",)


class ArtisanFactory(factory.django.DjangoModelFactory):
    """An artisan is an Oscar partner with a public profile."""

    name = factory.Sequence(lambda n: f"Sanggar Perajin {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    maker_name = factory.Sequence(lambda n: f"Ibu Perajin {n}")
    region = factory.SubFactory(RegionFactory)
    bio = "Membatik sejak kecil bersama ibunya."
    bio_en = "Has made batik since childhood, alongside her mother."
    story = "Sanggar ini menjaga motif pesisir Madura."
    story_en = "This workshop keeps the coastal motifs of Madura alive."

    class Meta:
        model = Partner


class CraftCategoryFactory(factory.django.DjangoModelFactory):
    """A top-level craft (Batik Tulis, Tenun, ...): a root of Oscar's tree.
    Pass ``parent=`` to make a sub-category instead."""

    name = factory.Sequence(lambda n: f"Kriya {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = Category

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        # treebeard computes path/depth only through add_root/add_child.
        if parent is not None:
            return model_class.objects.add_child(parent, kwargs)
        return model_class.objects.add_root(kwargs)


class ProductClassFactory(factory.django.DjangoModelFactory):
    name = "Kriya"
    slug = "kriya"
    requires_shipping = True
    track_stock = True

    class Meta:
        model = ProductClass
        django_get_or_create = ("slug",)


class ProductFactory(factory.django.DjangoModelFactory):
    """An approved product with one stock record of ``artisan``.

    ``ProductFactory(price=Decimal("1250000"), num_in_stock=3, artisan=a,
    categories=[batik], curation_state=Product.SUBMITTED)``.
    """

    title = factory.Sequence(lambda n: f"Batik Tulis Motif {n}")
    upc = factory.Sequence(lambda n: f"GK{n:06d}")
    product_class = factory.SubFactory(ProductClassFactory)
    structure = Product.STANDALONE
    curation_state = Product.APPROVED
    region = factory.SubFactory(RegionFactory)
    materials = "Katun primisima, pewarna alam"
    technique = "Batik tulis, canting"
    story = "Dibatik selama tiga minggu oleh perajin di pesisir Madura."
    story_en = "Drawn in wax over three weeks by an artisan on the Madura coast."
    lead_time_days = 0
    # Packed like a folded cloth: couriers can price it, marketplaces list it.
    weight_grams = 500
    length_cm = 30
    width_cm = 20
    height_cm = 5

    class Meta:
        model = Product
        skip_postgeneration_save = True

    @factory.post_generation
    def stockrecord(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        artisan = obj._factory_artisan or ArtisanFactory(region=obj.region)
        StockRecord.objects.create(
            product=obj,
            partner=artisan,
            partner_sku=f"{obj.upc}-{artisan.pk}",
            price_currency="IDR",
            price=obj._factory_price,
            num_in_stock=obj._factory_num_in_stock,
        )

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            for category in extracted:
                obj.categories.add(category)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        price = kwargs.pop("price", Decimal("1250000.00"))
        num_in_stock = kwargs.pop("num_in_stock", 5)
        artisan = kwargs.pop("artisan", None)
        obj = super()._create(model_class, *args, **kwargs)
        obj._factory_price, obj._factory_num_in_stock, obj._factory_artisan = price, num_in_stock, artisan
        return obj


class CertificationFactory(factory.django.DjangoModelFactory):
    product = factory.SubFactory(ProductFactory)
    kind = Certification.BATIKMARK
    number = factory.Sequence(lambda n: f"BM-{n:05d}")
    expiry_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))
    # Certificates in a live shop have been reviewed; pass PENDING for a new one.
    review_status = Certification.APPROVED

    class Meta:
        model = Certification
