"""Shipping a marketplace order from the order page keeps the tracking number and moves the lines."""
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace_sync.models import Listing
from marketplace_sync.services.listings import listings_push
from marketplace_sync.services.orders import orders_pull
from tests.fixtures.shopee import SHOP_ID, listed_product

Order = get_model("order", "Order")
Shipment = get_model("order", "Shipment")
User = get_user_model()

pytestmark = pytest.mark.django_db


def imported_order(sim, channel, **recipient):
    product = listed_product(num_in_stock=4)
    listings_push(channel=channel, product_ids=[product.pk])
    item_id = int(Listing.objects.get(channel=channel, product=product).remote_item_id)
    order_sn = sim.create_order(SHOP_ID, items=[{"item_id": item_id, "model_id": 0, "quantity": 2}], **recipient)
    orders_pull(channel=channel)
    return product, Order.objects.get(channel=channel, remote_order_number=order_sn)


def test_the_imported_address_uses_the_indonesian_fields(sim, channel):
    _, order = imported_order(sim, channel, recipient_address={
        "name": "Daniel Rumbiak", "phone": "081344556677", "town": "Vim", "district": "Abepura",
        "city": "Kota Jayapura", "state": "Papua", "region": "ID", "zipcode": "99351",
        "full_address": "Jl. Kelapa Dua No. 3, Vim, Abepura, Kota Jayapura, Papua, ID, 99351"})
    address = order.shipping_address
    assert (address.line1, address.line2, address.line3, address.line4, address.state, address.postcode) == (
        "Jl. Kelapa Dua No. 3", "Vim", "Abepura", "Kota Jayapura", "ID-PA", "99351")
    assert str(address.phone_number) == "+6281344556677"
    assert address.active_address_fields()[-2:] == ["Papua 99351", "Indonesia"]


def test_staff_ship_with_a_tracking_number_it_is_kept_shown_and_lines_move(sim, channel, client):
    product, order = imported_order(sim, channel)
    admin = User.objects.create_superuser("admin", "admin@example.com", "pw-kriya-123")
    client.force_login(admin)
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})

    client.post(url, {"order_action": "ship_on_marketplace", "courier": "jnt", "tracking_number": "JP7788990011"})

    order.refresh_from_db()
    assert order.status == "Dikirim"
    assert set(order.lines.values_list("status", flat=True)) == {"Dikirim"}
    shipment = Shipment.objects.get(event__order=order)
    assert (shipment.courier, shipment.tracking_number, shipment.shipped_by) == ("jnt", "JP7788990011", admin)
    assert sim.orders[order.remote_order_number]["order_status"] == "PROCESSED"
    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (2, 0)
    page = client.get(url).content.decode()
    assert "JP7788990011" in page and "J&amp;T Express" in page
    # Marketplace buyers hear from their marketplace, not from us; no parcel form is offered.
    assert 'name="order_action" value="ship_parcel"' not in page


def test_pickup_by_the_marketplace_records_its_own_courier(sim, channel, client):
    _, order = imported_order(sim, channel)
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "pw-kriya-123"))
    client.post(reverse("dashboard:order-detail", kwargs={"number": order.number}),
                {"order_action": "ship_on_marketplace", "courier": "", "tracking_number": ""})
    shipment = Shipment.objects.get(event__order=order)
    assert (shipment.courier, shipment.tracking_number) == ("marketplace", "")
    order.refresh_from_db()
    assert set(order.lines.values_list("status", flat=True)) == {"Dikirim"}


def test_a_whole_order_shipment_shows_on_every_parcel_it_carried(sim, channel, client):
    from shop.order.shipments import order_parcels
    from tests.factories import ArtisanFactory

    _, order = imported_order(sim, channel)
    line = order.lines.first()
    # A second artisan's piece in the same marketplace order (a council-wide channel).
    second = order.lines.create(partner=ArtisanFactory(name="Kedua"), partner_name="Kedua", title="Piece two",
                                quantity=1, line_price_incl_tax=1, line_price_excl_tax=1,
                                line_price_before_discounts_incl_tax=1, line_price_before_discounts_excl_tax=1,
                                status="Baru", num_allocated=0)
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "pw-kriya-123"))
    client.post(reverse("dashboard:order-detail", kwargs={"number": order.number}),
                {"order_action": "ship_on_marketplace", "courier": "pos", "tracking_number": "P99"})
    parcels = order_parcels(order=order)
    assert {parcel["partner"].pk for parcel in parcels} == {line.partner_id, second.partner_id}
    assert all([s.tracking_number for s in parcel["shipments"]] == ["P99"] for parcel in parcels)
