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
