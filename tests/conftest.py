import pytest
from django.db import connection
from django.utils import translation


def pytest_collection_modifyitems(config, items):
    # Row-lock and real-concurrency tests need PostgreSQL; SQLite serialises
    # writers, so there they would prove nothing. CI always runs them.
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL); CI runs it")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _indonesian_by_default():
    """Every test starts in the shop's default language, whatever ran before it
    in the same worker; English tests ask for /en/ explicitly."""
    with translation.override("id"):
        yield


@pytest.fixture
def rate_tables(db):
    """The courier rate tables as migration 0005_rates_seed_tables creates them.

    A transactional test (live server, localstripe) flushes every table after
    itself, seeded rows included, so tests that price parcels ask for them.
    """
    from oscar.core.loading import get_model

    from shop.shipping.seed import rate_tables_seed

    rate_tables_seed(**{name: get_model("shipping", name)
                        for name in ("ShippingZone", "ProvinceZone", "CourierService", "TableRate")})


@pytest.fixture
def storefront_cache_on(settings):
    """The storefront cache as production has it (tests run with a dummy one):
    for tests that commit for real and check what the next request sees."""
    from django.core.cache import caches

    from shop.gallery.models import CatalogueVersion

    settings.CACHES = {**settings.CACHES, "storefront": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                                         "LOCATION": "storefront-tests"}}
    caches["storefront"].clear()
    # The flush after a transactional test removes the row the migration made.
    CatalogueVersion.objects.get_or_create(pk=1, defaults={"token": "storefront-tests"})
    yield
    caches["storefront"].clear()
