from tests.fixtures.localstripe import localstripe, localstripe_server  # noqa: F401
from tests.fixtures.shopee import *  # noqa: F401,F403  (sim, channel, celery_eager)
from tests.integration.payments.helpers import buyable_product, shipping_country  # noqa: F401
