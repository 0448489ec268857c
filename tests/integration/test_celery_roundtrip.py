"""A task goes through the configured broker to a real worker and back.

Not eager mode: the message crosses the broker named by CELERY_BROKER_URL
(Redis in CI, the filesystem transport by default) and the result comes back
through the configured result backend.
"""
import uuid

from celery.contrib.testing.worker import start_worker
from django.conf import settings

from shop.celery import app, ping


def test_task_round_trip_through_configured_broker():
    assert not app.conf.task_always_eager
    assert app.conf.broker_url == settings.CELERY_BROKER_URL
    # A queue of our own, so a demo worker on the same broker cannot steal it.
    queue = f"roundtrip-{uuid.uuid4().hex}"
    with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=30):
        result = ping.apply_async(args=["halo"], queue=queue)
        assert result.get(timeout=30) == {"pong": "halo"}
    assert result.status == "SUCCESS"
