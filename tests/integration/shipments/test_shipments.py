"""Recording shipments from the dashboard order page: per artisan parcel, courier + tracking, buyer told."""
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model
from oscar.test import factories as oscar_factories

from shop.accounts.roles import ARTISAN
from shop.order.couriers import tracking_url
from tests.factories import ArtisanFactory, ProductFactory

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Basket = get_model("basket", "Basket")
Shipment = get_model("order", "Shipment")
ShippingEventType = get_model("order", "ShippingEventType")
CommunicationEventType = get_model("communication", "CommunicationEventType")
Selector = get_class("partner.strategy", "Selector")
User = get_user_model()

pytestmark = pytest.mark.django_db


def artisan_user(artisan, username):
    user = User.objects.create_user(username, f"{username}@example.com", "pw-kriya-123")
    user.groups.add(Group.objects.get(name=ARTISAN))
    artisan.users.add(user)
    return user


def two_artisan_order(*, buyer=None, guest_email="", language="id"):
    sidoarjo, trenggalek = ArtisanFactory(name="Bordir Sidoarjo"), ArtisanFactory(name="Bambu Trenggalek")
    kebaya = ProductFactory(title="Kebaya Bordir Sidoarjo", artisan=sidoarjo, price=Decimal("450000"), num_in_stock=3)
    lampu = ProductFactory(title="Lampu Bambu Trenggalek", artisan=trenggalek, price=Decimal("385000"), num_in_stock=2)
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    basket.add_product(kebaya)
    basket.add_product(lampu)
    address = oscar_factories.ShippingAddressFactory(
        first_name="Yohana", last_name="Wenda", phone_number="+6281234567890", line1="Jl. Raya Abepura No. 7",
        line3="Abepura", line4="Kota Jayapura", state="ID-PA", postcode="99351", country=oscar_factories.CountryFactory(
            iso_3166_1_a2="ID", printable_name="Indonesia"))
    extra = {"guest_email": guest_email} if guest_email else {}
    with translation.override(language):
        order = oscar_factories.create_order(basket=basket, user=buyer, shipping_address=address, **extra)
    return {
        "order": order, "sidoarjo": sidoarjo, "trenggalek": trenggalek,
        "sidoarjo_user": artisan_user(sidoarjo, "sidoarjo"), "trenggalek_user": artisan_user(trenggalek, "trenggalek"),
        "kebaya_line": order.lines.get(partner=sidoarjo), "lampu_line": order.lines.get(partner=trenggalek),
    }


@pytest.fixture
def shop():
    buyer = User.objects.create_user("pembeli", "pembeli@example.com", "pw-kriya-123")
    return dict(two_artisan_order(buyer=buyer), buyer=buyer)


def detail_url(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


@pytest.fixture
def ship(django_capture_on_commit_callbacks):
    """POST "mark shipped" and run what waits for the commit (the buyer's email), as a request would."""
    def post(client, order, partner, courier="jne", tracking_number="JNE0012345678"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(detail_url(order), {"order_action": "ship_parcel", "partner": partner.pk,
                                                   "courier": courier, "tracking_number": tracking_number},
                               follow=True)
    return post


def test_event_types_and_the_email_type_exist_after_migrating():
    assert set(ShippingEventType.objects.values_list("code", flat=True)) >= {"dikemas", "dikirim", "diterima"}
    assert CommunicationEventType.objects.filter(code="ORDER_SHIPPED").exists()


def test_a_line_may_leave_straight_from_baru(shop):
    assert "Dikirim" in shop["kebaya_line"].available_statuses()


def test_the_artisan_ships_their_parcel_and_the_buyer_gets_the_tracking_link(client, shop, ship):
    order, kebaya = shop["order"], shop["kebaya_line"]
    record = kebaya.stockrecord
    assert (record.num_in_stock, record.num_allocated) == (3, 1)
    client.force_login(shop["sidoarjo_user"])

    response = ship(client, order, shop["sidoarjo"])

    assert response.status_code == 200
    shipment = Shipment.objects.get()
    assert (shipment.courier, shipment.tracking_number, shipment.partner) == ("jne", "JNE0012345678", shop["sidoarjo"])
    assert list(shipment.event.lines.all()) == [kebaya]
    kebaya.refresh_from_db()
    shop["lampu_line"].refresh_from_db()
    order.refresh_from_db()
    assert (kebaya.status, shop["lampu_line"].status, order.status) == ("Dikirim", "Baru", "Diproses")
    # The allocation is consumed: the unit left the shelf; the other artisan's is untouched.
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (2, 0)
    other = shop["lampu_line"].stockrecord
    other.refresh_from_db()
    assert (other.num_in_stock, other.num_allocated) == (2, 1)

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["pembeli@example.com"]
    assert order.number in email.subject and "sedang dalam perjalanan" in email.subject
    link = tracking_url("jne", "JNE0012345678")
    assert link and link in email.body and "JNE0012345678" in email.body
    assert "Kebaya Bordir Sidoarjo" in email.body and "Lampu Bambu" not in email.body
    assert link in email.alternatives[0][0]

    # The artisan sees the event of their own line on the order page.
    page = client.get(detail_url(order)).content.decode()
    assert "Riwayat pengiriman barang Anda" in page and "JNE0012345678" in page


def test_the_order_is_dikirim_once_every_parcel_left(client, shop, ship):
    order = shop["order"]
    client.force_login(shop["sidoarjo_user"])
    ship(client, order, shop["sidoarjo"])
    client.force_login(shop["trenggalek_user"])
    ship(client, order, shop["trenggalek"], courier="sicepat", tracking_number="002900112233")
    order.refresh_from_db()
    assert order.status == "Dikirim"
    assert list(order.status_changes.values_list("new_status", flat=True).order_by("pk")) == ["Diproses", "Dikirim"]
    assert set(order.lines.values_list("status", flat=True)) == {"Dikirim"}
    assert len(mail.outbox) == 2


def test_shipping_twice_is_refused_and_consumes_nothing_more(client, shop, ship):
    client.force_login(shop["sidoarjo_user"])
    ship(client, shop["order"], shop["sidoarjo"])
    response = ship(client, shop["order"], shop["sidoarjo"], tracking_number="JNE999")
    assert Shipment.objects.count() == 1
    assert "Tidak ada lagi yang perlu dikirim" in response.content.decode()
    record = shop["kebaya_line"].stockrecord
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (2, 0)


@pytest.mark.parametrize("data, message", [
    ({"courier": "", "tracking_number": "X1"}, "Pilih kurir dari daftar."),
    ({"courier": "jne", "tracking_number": "  "}, "Isi nomor resi dari kurir."),
])
def test_courier_and_tracking_number_are_required(client, shop, data, message):
    client.force_login(shop["sidoarjo_user"])
    response = client.post(detail_url(shop["order"]), {"order_action": "ship_parcel", "partner": shop["sidoarjo"].pk,
                                                       **data}, follow=True)
    assert message in response.content.decode()
    assert not Shipment.objects.exists() and not mail.outbox


def test_an_artisan_cannot_ship_or_see_another_artisans_parcel(client, shop, ship):
    order = shop["order"]
    client.force_login(shop["trenggalek_user"])
    ship(client, order, shop["trenggalek"], courier="pos", tracking_number="P2611300001")
    client.force_login(shop["sidoarjo_user"])

    # Their neighbour's parcel, by its partner id, and their line ids through Oscar's generic actions.
    response = ship(client, order, shop["trenggalek"], tracking_number="HIJACK1")
    assert "Anda tidak dapat mengirim paket ini." in response.content.decode()
    response = client.post(detail_url(order), {"order_action": "ship_parcel", "partner": "x1", "courier": "jne",
                                               "tracking_number": "HIJACK0"}, follow=True)
    assert "Anda tidak dapat mengirim paket ini." in response.content.decode()
    lampu = shop["lampu_line"]
    client.post(detail_url(order), {"line_action": "create_shipping_event", "selected_line": [lampu.pk],
                                    f"selected_line_qty_{lampu.pk}": 1, "shipping_event_type": "diterima",
                                    "reference": "HIJACK2"})
    client.post(detail_url(order), {"line_action": "change_line_statuses", "selected_line": [lampu.pk],
                                    f"selected_line_qty_{lampu.pk}": 1, "new_status": "Selesai"})
    assert Shipment.objects.count() == 1
    assert not order.shipping_events.filter(notes__startswith="HIJACK").exists()
    lampu.refresh_from_db()
    assert lampu.status == "Dikirim"

    page = client.get(detail_url(order)).content.decode()
    assert "P2611300001" not in page and "Lampu Bambu Trenggalek" not in page
    assert [parcel["partner"] for parcel in client.get(detail_url(order)).context["parcels"]] == [shop["sidoarjo"]]


def test_generic_controls_do_not_offer_shipping_without_a_tracking_number(client, shop):
    client.force_login(shop["sidoarjo_user"])
    context = client.get(detail_url(shop["order"])).context
    assert "Dikirim" not in context["line_statuses"]
    assert "dikirim" not in [event_type.code for event_type in context["shipping_event_types"]]
    kebaya = shop["kebaya_line"]
    response = client.post(detail_url(shop["order"]), {
        "line_action": "change_line_statuses", "selected_line": [kebaya.pk],
        f"selected_line_qty_{kebaya.pk}": 1, "new_status": "Dikirim"}, follow=True)
    assert "Catat pengiriman beserta kurir" in response.content.decode()
    kebaya.refresh_from_db()
    assert kebaya.status == "Baru"


def test_admin_ships_and_an_english_buyer_reads_english(client, ship):
    buyer = User.objects.create_user("buyer", "buyer@example.com", "pw-kriya-123")
    data = two_artisan_order(buyer=buyer, language="en")
    assert data["order"].language == "en"
    admin = User.objects.create_superuser("admin", "admin@example.com", "pw-kriya-123")
    client.force_login(admin)
    assert {parcel["partner"] for parcel in client.get(detail_url(data["order"])).context["parcels"]} == {
        data["sidoarjo"], data["trenggalek"]}

    ship(client, data["order"], data["trenggalek"], courier="anteraja", tracking_number="10000123456789")

    shipment = Shipment.objects.get()
    assert (shipment.partner, shipment.shipped_by) == (data["trenggalek"], admin)
    email = mail.outbox[0]
    assert email.subject == f"Your parcel from order {data['order'].number} is on its way"
    assert "Tracking number: 10000123456789" in email.body
    assert "https://anteraja.id/tracking/10000123456789" in email.body


def test_a_curator_reads_but_cannot_ship(client, shop, ship):
    from shop.accounts.roles import CURATOR

    curator = User.objects.create_user("kurator", "kurator@example.com", "pw-kriya-123", is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATOR))
    client.force_login(curator)
    ship(client, shop["order"], shop["sidoarjo"])
    assert not Shipment.objects.exists()


def test_the_buyers_order_page_shows_each_parcel_with_its_tracking_link(client, shop, ship):
    admin = User.objects.create_superuser("admin", "admin@example.com", "pw-kriya-123")
    client.force_login(admin)
    ship(client, shop["order"], shop["sidoarjo"], courier="jnt", tracking_number="JX1234567890")
    client.force_login(shop["buyer"])

    page = client.get(reverse("customer:order", kwargs={"order_number": shop["order"].number})).content.decode()

    assert "Paket dari" not in page  # the dashboard's wording stays in the dashboard
    assert "Dari Bordir Sidoarjo" in page and "Dari Bambu Trenggalek" in page
    assert "J&amp;T Express" in page and "JX1234567890" in page
    assert 'href="https://jet.co.id/track?awb=JX1234567890"' in page
    assert "Sedang disiapkan perajin" in page  # the lamp has not left yet
    with translation.override("en"):
        url = reverse("customer:order", kwargs={"order_number": shop["order"].number})
    english = client.get(url).content.decode()
    assert "From Bordir Sidoarjo" in english and "Track on J&amp;T Express's site" in english


def test_the_guest_order_status_page_shows_the_parcels(client, ship):
    data = two_artisan_order(guest_email="tamu@example.com")
    admin = User.objects.create_superuser("admin", "admin@example.com", "pw-kriya-123")
    client.force_login(admin)
    ship(client, data["order"], data["sidoarjo"], courier="sicepat", tracking_number="004400556677")
    assert mail.outbox[0].to == ["tamu@example.com"]
    client.logout()
    order = data["order"]
    kwargs = {"order_number": order.number, "hash": order.verification_hash()}
    # The guest proves the order is theirs with its email, as the page asks.
    response = client.post(reverse("customer:anon-order-form", kwargs=kwargs), {"email": "tamu@example.com"},
                           follow=True)
    assert response.redirect_chain[-1][0].endswith(reverse("customer:anon-order", kwargs=kwargs))
    page = response.content.decode()
    assert "004400556677" in page and "SiCepat" in page and "checkAwb?awb=004400556677" in page
