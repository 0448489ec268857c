from tests.fixtures.shopee import *  # noqa: F401,F403  (sim, channel, celery_eager)
from tests.fixtures.shopee import PARTNER_ID, PARTNER_KEY, SHOP_ID, listed_product, make_channel  # noqa: F401
