"""`manage.py marketplace_demo_setup`: idempotent, and a restarted (empty) simulator gets its items back."""
import io

import pytest
from django.core.management import call_command

from marketplace_sync.demo import DEMO_CREDENTIALS
from marketplace_sync.models import Channel, Listing
from marketplace_sync.services.listings import listings_push
from marketplace_sync.simulators.shopee import ShopeeSimulator

from .conftest import listed_product

pytestmark = pytest.mark.django_db


def demo_simulator():
    """What `manage.py marketplace_simulator shopee` starts: the fixed demo app and shop."""
    sim = ShopeeSimulator(partner_id=DEMO_CREDENTIALS["partner_id"], partner_key=DEMO_CREDENTIALS["partner_key"])
    sim.start(host="127.0.0.1", port=0)
    sim.add_shop(DEMO_CREDENTIALS["shop_id"], access_token=DEMO_CREDENTIALS["access_token"],
                 refresh_token=DEMO_CREDENTIALS["refresh_token"])
    return sim


def setup(base_url):
    out = io.StringIO()
    call_command("marketplace_demo_setup", "--api-base", base_url, "--no-enqueue", stdout=out)
    return out.getvalue()


def test_setup_is_idempotent_and_relists_after_a_simulator_restart():
    products = [listed_product(), listed_product()]
    first_sim = demo_simulator()
    try:
        assert "created" in setup(first_sim.base_url)
        channel = Channel.objects.get(code="shopee-demo")
        assert listings_push(channel=channel).created == 2
        # Run again while the simulator still has the items: nothing is reset.
        output = setup(first_sim.base_url)
        assert "refreshed" in output and "running with 2 items" in output
        assert Listing.objects.filter(channel=channel).exclude(remote_item_id="").count() == 2
    finally:
        first_sim.stop()

    # `make run` again: a new, empty simulator with the same fixed credentials.
    second_sim = demo_simulator()
    try:
        output = setup(second_sim.base_url)
        channel = Channel.objects.get(code="shopee-demo")
        assert "simulator empty; 2 listings will be re-created" in output
        result = listings_push(channel=channel)
        assert (result.created, result.failed, result.channel_failed) == (2, 0, False), result.errors
        assert len(second_sim.items) == 2
        assert Channel.objects.filter(code="shopee-demo").count() == 1
        assert {int(listing.remote_item_id) for listing in Listing.objects.filter(product__in=products)} == set(
            second_sim.items
        )
    finally:
        second_sim.stop()


def test_setup_restores_the_fixed_tokens_a_refresh_replaced():
    sim = demo_simulator()
    try:
        setup(sim.base_url)
        channel = Channel.objects.get(code="shopee-demo")
        from marketplace_sync.services.tokens import channel_tokens_refresh

        assert channel_tokens_refresh(channel=channel).updated == 1
        channel.refresh_from_db()
        assert channel.credentials["access_token"] != DEMO_CREDENTIALS["access_token"]

        setup(sim.base_url)

        channel.refresh_from_db()
        assert channel.credentials["access_token"] == DEMO_CREDENTIALS["access_token"]
        assert channel.access_token_expires_at is None
    finally:
        sim.stop()
