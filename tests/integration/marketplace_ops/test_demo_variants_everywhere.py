"""The demo's shirt in sizes is one item with three variants on each of the three simulators."""
import pytest
from django.utils.module_loading import import_string
from oscar.core.loading import get_model

from marketplace_sync.models import Listing
from marketplace_sync.services.listings import listings_push
from shop.demo.services import demo_catalogue_load
from tests.contract.test_marketplace_contract import HARNESSES

Product = get_model("catalogue", "Product")

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_variants")]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_the_demo_shirt_is_listed_with_its_sizes_on_every_marketplace(media):
    demo_catalogue_load(image_size=96)
    shirt = Product.objects.get(upc="GK-BKP-101")
    for dotted in HARNESSES:
        market = import_string(dotted)()
        market.start()
        try:
            channel = market.make_channel(code=f"demo-{market.kind}")
            result = listings_push(channel=channel, product_ids=[shirt.pk])
            assert (result.created, result.failed) == (1, 0), (market.kind, result.errors)
            item = Listing.objects.get(channel=channel, product=shirt)
            variants = sorted((v["option"], v["sku"], v["stock"]) for v in market.remote_variants(item))
            assert variants == [("L", "GK-BKP-101-L", 2), ("M", "GK-BKP-101-M", 5), ("S", "GK-BKP-101-S", 3)]
            assert market.calls(ok=False) == 0  # no rejected call
        finally:
            market.stop()
