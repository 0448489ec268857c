"""Fixtures: a Shopee simulator on a free port, a channel connected to it, products with images."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from PIL import Image

from marketplace_sync.services.channels import channel_create
from marketplace_sync.simulators.shopee import ShopeeSimulator
from shop.celery import app as celery_app
from tests.factories import ProductFactory

ProductImage = get_model("catalogue", "ProductImage")

PARTNER_ID = 2001887
PARTNER_KEY = "test-partner-key"
SHOP_ID = 14701711
# Category attributes are mandatory for Indonesian listings (add_item).
SHOPEE_OPTIONS = {
    "category_id": 100001, "logistic_ids": [8003], "weight_kg": "0.8",
    "attribute_list": [{"attribute_id": 100134, "attribute_value_list": [{"value_id": 0,
                                                                          "original_value_name": "Katun"}]}],
}


@pytest.fixture
def sim():
    simulator = ShopeeSimulator(partner_id=PARTNER_ID, partner_key=PARTNER_KEY)
    simulator.start(host="127.0.0.1", port=0)
    yield simulator
    simulator.stop()


@pytest.fixture
def celery_eager():
    """Run tasks inline (no broker round trip is claimed by tests using this)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def make_channel(sim, *, code="shopee-test", shop_id=SHOP_ID, **kwargs):
    tokens = sim.add_shop(shop_id=shop_id)
    return channel_create(
        kind="shopee", code=code, name="Shopee Galeri Kriya", api_base_url=sim.base_url,
        credentials={"partner_id": PARTNER_ID, "partner_key": PARTNER_KEY, "shop_id": shop_id,
                     "access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"]},
        options=kwargs.pop("options", SHOPEE_OPTIONS), **kwargs,
    )


@pytest.fixture
def channel(db, sim):
    return make_channel(sim)


def png_bytes(color=(180, 90, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buffer, format="PNG")
    return buffer.getvalue()


def listed_product(**kwargs):
    """An approved product with one image (marketplaces refuse items without images)."""
    product = ProductFactory(**kwargs)
    ProductImage.objects.create(product=product, original=SimpleUploadedFile(f"p{product.pk}.png", png_bytes()),
                                display_order=0)
    return product
