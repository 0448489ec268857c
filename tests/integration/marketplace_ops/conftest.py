"""A Shopee simulator on a free port and channels connected to it (over real HTTP)."""
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
PARTNER_KEY = "ops-partner-key"
SHOP_ID = 14701711
OPTIONS = {
    "category_id": 100001, "logistic_ids": [8003],
    "attribute_list": [{"attribute_id": 100134,
                        "attribute_value_list": [{"value_id": 0, "original_value_name": "Katun"}]}],
}


@pytest.fixture
def sim():
    simulator = ShopeeSimulator(partner_id=PARTNER_ID, partner_key=PARTNER_KEY)
    simulator.start(host="127.0.0.1", port=0)
    yield simulator
    simulator.stop()


@pytest.fixture
def celery_eager():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def credentials_for(sim, shop_id=SHOP_ID, **overrides):
    tokens = sim.add_shop(shop_id)
    return {"partner_id": PARTNER_ID, "partner_key": PARTNER_KEY, "shop_id": shop_id,
            "access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"], **overrides}


@pytest.fixture
def channel(db, sim):
    return channel_create(kind="shopee", code="shopee-ops", name="Shopee Ops", api_base_url=sim.base_url,
                          credentials=credentials_for(sim), options=OPTIONS)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (120, 60, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def listed_product(**kwargs):
    """Approved, priced, with one image: what every marketplace accepts."""
    product = ProductFactory(**kwargs)
    ProductImage.objects.create(product=product, original=SimpleUploadedFile(f"ops{product.pk}.png", png_bytes()),
                                display_order=0)
    return product
