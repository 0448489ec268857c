import pytest
from django.db import transaction
from django.test import override_settings

from shop.demo.services import demo_catalogue_load
from shop.search.indexing import pending_index


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo catalogue, loaded once per test module inside a transaction
    that is rolled back afterwards (each test's own transaction nests in it).

    Loading takes seconds; the search tests only read it. Indexing here is
    explicit because nothing commits; tests/integration/search/test_indexing.py
    proves the on-commit path.
    """
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_catalogue_load(image_size=64)
            pending_index()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_module, db):
    """Per test: the module's demo catalogue, the test's changes rolled back."""
