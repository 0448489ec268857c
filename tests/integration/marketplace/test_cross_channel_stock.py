"""One stock pool across marketplaces: a unit sold on one is taken off the others and the storefront."""
import pytest

from marketplace_sync.models import Listing
from marketplace_sync.services.listings import listings_push
from marketplace_sync.services.orders import orders_pull
from tests.fixtures.tiktok import *  # noqa: F401,F403  (tiktok_sim)
from tests.fixtures.tiktok import make_tiktok_channel

from .conftest import SHOP_ID, listed_product, make_channel

pytestmark = pytest.mark.django_db


def test_a_unit_sold_on_tiktok_is_taken_off_shopee_and_the_storefront(sim, tiktok_sim, celery_eager,
                                                                        django_capture_on_commit_callbacks):
    shopee, tiktok = make_channel(sim), make_tiktok_channel(tiktok_sim)
    product = listed_product(num_in_stock=3)
    with django_capture_on_commit_callbacks(execute=True):
        listings_push(channel=shopee)
        listings_push(channel=tiktok)
    on_shopee = Listing.objects.get(channel=shopee, product=product)
    on_tiktok = Listing.objects.get(channel=tiktok, product=product)
    assert sim.items[int(on_shopee.remote_item_id)]["stock"] == 3

    tiktok_sim.create_order(tiktok.credentials["shop_cipher"], [{"sku_id": on_tiktok.remote_model_id, "quantity": 2}])
    with django_capture_on_commit_callbacks(execute=True):
        # The import allocates under a row lock; the stock record's save pushes to every channel after commit.
        assert orders_pull(channel=tiktok).created == 1

    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (3, 2)  # the storefront can sell 1
    assert sim.items[int(on_shopee.remote_item_id)]["stock"] == 1
    assert tiktok_sim.sku(on_tiktok.remote_model_id)["quantity"] == 1

    # And the other way: a Shopee buyer takes the last unit; TikTok goes to 0.
    sim.create_order(SHOP_ID, [{"item_id": int(on_shopee.remote_item_id), "model_id": 0, "quantity": 1}])
    with django_capture_on_commit_callbacks(execute=True):
        assert orders_pull(channel=shopee).created == 1
    assert tiktok_sim.sku(on_tiktok.remote_model_id)["quantity"] == 0
