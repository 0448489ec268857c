import pytest

from tests.fixtures.shopee import *  # noqa: F401,F403  (sim, celery_eager)
from tests.fixtures.shopee import PARTNER_ID, PARTNER_KEY, SHOP_ID, credentials_for, listed_product, make_channel  # noqa: F401
from tests.fixtures.shopee import SHOPEE_OPTIONS as OPTIONS  # noqa: F401


@pytest.fixture
def channel(db, sim):
    return make_channel(sim, code="shopee-ops", name="Shopee Ops")
