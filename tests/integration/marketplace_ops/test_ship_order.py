"""Shipping a marketplace order: the marketplace hears it, the order moves to Dikirim, stock is consumed."""
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace_sync.models import Listing
from marketplace_sync.services.listings import listings_push
from marketplace_sync.services.orders import order_ship_remote, orders_pull
from tests.factories import ArtisanFactory

from .conftest import SHOP_ID, listed_product

Order = get_model("order", "Order")
User = get_user_model()

pytestmark = pytest.mark.django_db


def imported_order(sim, channel, **product_kwargs):
    product = listed_product(num_in_stock=4, **product_kwargs)
    listings_push(channel=channel, product_ids=[product.pk])
    item_id = int(Listing.objects.get(channel=channel, product=product).remote_item_id)
    order_sn = sim.create_order(SHOP_ID, items=[{"item_id": item_id, "model_id": 0, "quantity": 1}])
    orders_pull(channel=channel)
    return product, Order.objects.get(channel=channel, remote_order_number=order_sn)


def test_ship_by_marketplace_pickup_moves_the_order_to_dikirim_and_consumes_stock(sim, channel):
    product, order = imported_order(sim, channel)
    assert order.status == "Baru"

    order_ship_remote(order=order)

    assert sim.orders[order.remote_order_number]["order_status"] == "PROCESSED"
    order.refresh_from_db()
    assert order.status == "Dikirim"
    assert list(order.status_changes.values_list("new_status", flat=True).order_by("pk")) == ["Diproses", "Dikirim"]
    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (3, 0)


def test_ship_with_a_tracking_number_records_it(sim, channel):
    _, order = imported_order(sim, channel)
    order_ship_remote(order=order, tracking_number="JNE123456789", courier="jne")
    order.refresh_from_db()
    assert order.status == "Dikirim"
    shipment = get_model("order", "Shipment").objects.get(event__order=order)
    assert (shipment.courier, shipment.tracking_number) == ("jne", "JNE123456789")
    assert set(order.lines.values_list("status", flat=True)) == {"Dikirim"}
    assert sim.orders[order.remote_order_number]["order_status"] == "PROCESSED"


def test_dashboard_ship_button_for_staff(sim, channel, admin_client):
    _, order = imported_order(sim, channel)
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})
    page = admin_client.get(url)
    assert b"marketplace-ship-form" in page.content and order.remote_order_number.encode() in page.content

    response = admin_client.post(url, {"order_action": "ship_on_marketplace", "tracking_number": ""}, follow=True)

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "Dikirim"
    assert sim.orders[order.remote_order_number]["order_status"] == "PROCESSED"
    assert b"marketplace-ship-form" not in admin_client.get(url).content


def test_the_artisan_ships_their_own_marketplace_order_but_not_anothers(sim, channel, client):
    artisan = ArtisanFactory()
    user = User.objects.create_user("perajin", "perajin@example.com", "pw-kriya-123")
    user.user_permissions.add(get_model("auth", "Permission").objects.get(codename="dashboard_access"))
    artisan.users.add(user)
    _, own = imported_order(sim, channel, artisan=artisan)
    _, other = imported_order(sim, channel)
    client.force_login(user)

    assert client.get(reverse("dashboard:order-detail", kwargs={"number": other.number})).status_code == 404
    url = reverse("dashboard:order-detail", kwargs={"number": own.number})
    assert b"marketplace-ship-form" in client.get(url).content
    client.post(url, {"order_action": "ship_on_marketplace", "tracking_number": "SPX0001"})

    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == ("Dikirim", "Baru")
