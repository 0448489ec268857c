from tests.fixtures.localstripe import localstripe, localstripe_server  # noqa: F401
from tests.integration.payments.helpers import buyable_product, shipping_country  # noqa: F401
