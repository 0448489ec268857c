from tests.fixtures.shopee import celery_eager  # noqa: F401
