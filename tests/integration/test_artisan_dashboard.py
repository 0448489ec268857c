"""Artisans (partner users) in Oscar's dashboard see and act on their own lines only.

One basket becomes one order even when it holds pieces from several artisans
(DESIGN.md, Oscar #1519), so every order page an artisan opens may hold another
artisan's lines, prices and the order's totals. Oscar shows them all and lets a
partner user change the order's status and any line's status; these tests pin
down the gallery's narrower rules.
"""
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from oscar.core.loading import get_class, get_model
from oscar.test import factories as oscar_factories

from shop.accounts.roles import ARTISAN
from tests.factories import ArtisanFactory, ProductFactory

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Basket = get_model("basket", "Basket")
PaymentEventType = get_model("order", "PaymentEventType")
Selector = get_class("partner.strategy", "Selector")
User = get_user_model()

pytestmark = pytest.mark.django_db


def artisan_user(artisan, username):
    user = User.objects.create_user(username, f"{username}@example.com", "pw-kriya-123")
    user.groups.add(Group.objects.get(name=ARTISAN))
    artisan.users.add(user)
    return user


@pytest.fixture
def shop():
    """Two artisans with a user each, one product each, and one order holding both pieces."""
    gresik, madura = ArtisanFactory(name="Sanggar Gresik"), ArtisanFactory(name="Sanggar Madura")
    songket = ProductFactory(title="Songket Gresik Benang Emas", artisan=gresik, price=Decimal("850000"))
    batik = ProductFactory(title="Batik Tanjungbumi Gentongan", artisan=madura, price=Decimal("2400000"))
    buyer = User.objects.create_user("pembeli", "pembeli@example.com", "pw-kriya-123")
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    basket.add_product(songket)
    basket.add_product(batik)
    order = oscar_factories.create_order(
        basket=basket, user=buyer, shipping_address=oscar_factories.ShippingAddressFactory(
            first_name="Sri", last_name="Wahyuni", line1="Jl. Kenjeran 12", line4="Surabaya"),
    )
    return {
        "order": order,
        "gresik_user": artisan_user(gresik, "gresik"),
        "madura_user": artisan_user(madura, "madura"),
        "gresik_line": order.lines.get(partner=gresik),
        "madura_line": order.lines.get(partner=madura),
        "songket": songket,
        "batik": batik,
    }


def detail_url(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def test_the_order_holds_both_artisans_lines(shop):
    order = shop["order"]
    assert order.lines.count() == 2
    assert order.total_incl_tax == Decimal("3250000.00")


@pytest.mark.parametrize("own,other", [("gresik", "madura"), ("madura", "gresik")])
def test_an_artisan_sees_only_their_own_lines_and_no_order_totals(client, shop, own, other):
    client.force_login(shop[f"{own}_user"])
    page = client.get(detail_url(shop["order"]))

    assert page.status_code == 200
    html = page.content.decode()
    own_line, other_line = shop[f"{own}_line"], shop[f"{other}_line"]
    assert own_line.title in html
    assert other_line.title not in html
    assert other_line.partner_name not in html
    assert list(page.context["lines"]) == [own_line]
    # Neither the whole order's total nor the other piece's price shows.
    assert "3.250.000" not in html
    other_price = f"{int(other_line.line_price_incl_tax):,}".replace(",", ".")
    assert other_price not in html
    # Their own pieces' subtotal does, and so does the address they ship to.
    own_price = f"{int(own_line.line_price_incl_tax):,}".replace(",", ".")
    assert own_price in html
    assert page.context["own_lines_total"] == own_line.line_price_incl_tax
    assert "Jl. Kenjeran 12" in html
    # Payment, discount and note tabs are staff-only.
    assert 'href="#payment"' not in html and 'href="#notes"' not in html
    assert 'id="order_note_form"' not in html
    assert 'value="change_order_status"' not in html


def test_an_artisan_cannot_open_another_artisans_line_page(client, shop):
    client.force_login(shop["gresik_user"])
    order = shop["order"]
    own = reverse("dashboard:order-line-detail", kwargs={"number": order.number, "line_id": shop["gresik_line"].pk})
    other = reverse("dashboard:order-line-detail", kwargs={"number": order.number, "line_id": shop["madura_line"].pk})
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404


def test_an_artisan_cannot_change_the_order_status(client, shop):
    order = shop["order"]
    client.force_login(shop["gresik_user"])

    response = client.post(detail_url(order), {"order_action": "change_order_status", "new_status": "Diproses"},
                           follow=True)

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "Baru"
    assert not order.status_changes.exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_an_artisan_cannot_change_order_statuses_from_the_order_list(client, shop):
    order = shop["order"]
    client.force_login(shop["gresik_user"])

    client.post(reverse("dashboard:order-list"),
                {"action": "change_order_statuses", "selected_order": [order.pk], "new_status": "Diproses"})

    order.refresh_from_db()
    assert order.status == "Baru"


@pytest.mark.parametrize("action,extra", [
    ("save_note", {"message": "Sudah dibayar?"}),
    ("create_order_payment_event", {"amount": "100", "payment_event_type": "paid"}),
])
def test_other_order_actions_are_staff_only(client, shop, action, extra):
    PaymentEventType.objects.create(code="paid", name="Dibayar")
    order = shop["order"]
    client.force_login(shop["gresik_user"])
    client.post(detail_url(order), {"order_action": action, **extra})
    assert not order.notes.exists()
    assert not order.payment_events.exists()


def line_status_post(client, order, line, status="Diproses"):
    return client.post(detail_url(order), {
        "line_action": "change_line_statuses",
        "selected_line": [line.pk],
        f"selected_line_qty_{line.pk}": line.quantity,
        "new_status": status,
    }, follow=True)


def test_an_artisan_changes_their_own_line_status(client, shop):
    client.force_login(shop["gresik_user"])
    line_status_post(client, shop["order"], shop["gresik_line"])
    shop["gresik_line"].refresh_from_db()
    assert shop["gresik_line"].status == "Diproses"


def test_an_artisan_cannot_change_another_artisans_line_status(client, shop):
    client.force_login(shop["gresik_user"])

    response = line_status_post(client, shop["order"], shop["madura_line"])

    shop["madura_line"].refresh_from_db()
    assert shop["madura_line"].status == "Baru"
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_an_artisan_cannot_create_payment_events_on_their_lines(client, shop):
    PaymentEventType.objects.create(code="paid", name="Dibayar")
    order, line = shop["order"], shop["gresik_line"]
    client.force_login(shop["gresik_user"])
    client.post(detail_url(order), {
        "line_action": "create_payment_event", "selected_line": [line.pk],
        f"selected_line_qty_{line.pk}": 1, "payment_event_type": "paid", "amount": "",
    })
    assert not order.payment_events.exists()


def test_an_artisan_cannot_edit_the_buyers_address(client, shop):
    order = shop["order"]
    client.force_login(shop["gresik_user"])
    url = reverse("dashboard:order-shipping-address", kwargs={"number": order.number})
    assert client.get(url).status_code == 403


def test_the_catalogue_dashboard_fork_is_the_one_oscar_loads():
    assert apps.get_app_config("catalogue_dashboard").name == "shop.dashboard.catalogue"
    view = get_class("dashboard.catalogue.views", "ProductLookupView")
    assert view.__module__ == "shop.dashboard.catalogue.views"


def lookup(client, q=""):
    response = client.get(reverse("dashboard:catalogue-product-lookup"), {"q": q})
    assert response.status_code == 200
    return {item["text"] for item in json.loads(response.content)["results"]}


def test_the_product_lookup_lists_only_the_artisans_own_products(client, shop):
    client.force_login(shop["gresik_user"])
    assert lookup(client) == {"Songket Gresik Benang Emas"}
    assert lookup(client, "Batik") == set()


def test_staff_see_the_whole_order_and_every_product(admin_client, shop):
    order = shop["order"]
    html = admin_client.get(detail_url(order)).content.decode()
    assert shop["gresik_line"].title in html and shop["madura_line"].title in html
    assert "3.250.000" in html
    assert 'href="#payment"' in html and 'id="order_note_form"' in html
    assert 'value="change_order_status"' in html
    assert lookup(admin_client) == {"Songket Gresik Benang Emas", "Batik Tanjungbumi Gentongan"}


def test_staff_still_change_the_order_and_any_line(admin_client, shop):
    order = shop["order"]
    admin_client.post(detail_url(order), {"order_action": "change_order_status", "new_status": "Diproses"})
    line_status_post(admin_client, order, shop["madura_line"])
    order.refresh_from_db()
    shop["madura_line"].refresh_from_db()
    assert order.status == "Diproses"
    assert shop["madura_line"].status == "Diproses"


def test_the_order_list_shows_an_artisan_only_their_share(client, shop):
    order = shop["order"]
    client.force_login(shop["gresik_user"])

    html = client.get(reverse("dashboard:order-list")).content.decode()

    assert str(order.number) in html
    assert "850.000" in html and "3.250.000" not in html
    assert 'value="change_order_statuses"' not in html
    csv = client.get(reverse("dashboard:order-list"), {"response_format": "csv"}).content.decode()
    assert "850000" in csv and "3250000" not in csv


def test_staff_order_list_keeps_the_order_total(admin_client, shop):
    html = admin_client.get(reverse("dashboard:order-list")).content.decode()
    assert "3.250.000" in html and 'value="change_order_statuses"' in html


def test_a_curator_reads_orders_but_cannot_change_them(client, shop):
    from shop.accounts.roles import CURATOR

    curator = User.objects.create_user("kurator", "kurator@example.com", "pw-kriya-123", is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATOR))
    order = shop["order"]
    client.force_login(curator)
    assert client.get(detail_url(order)).status_code == 200

    client.post(detail_url(order), {"order_action": "change_order_status", "new_status": "Diproses"})
    client.post(detail_url(order), {"order_action": "save_note", "message": "kurator note"})
    line = shop["gresik_line"]
    client.post(detail_url(order), {"line_action": "change_line_statuses", "selected_line": [line.pk],
                                    f"selected_line_qty_{line.pk}": line.quantity, "new_status": "Diproses"})
    client.post(reverse("dashboard:order-list"), {"action": "change_order_statuses",
                                                  "selected_order": [order.pk], "new_status": "Diproses"})

    order.refresh_from_db()
    shop["gresik_line"].refresh_from_db()
    assert order.status == "Baru" and shop["gresik_line"].status == "Baru"
    assert not order.notes.exists()
