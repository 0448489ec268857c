"""New-order emails to artisans: every channel, their own lines only, their language, once."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace_sync.adapters.base import OrderState, RemoteAddress, RemoteOrder, RemoteOrderLine
from marketplace_sync.services.orders import remote_order_apply
from shop.order.artisan_notices import order_artisans_notify
from tests.fixtures.shopee import celery_eager  # noqa: F401
from tests.integration.artisan.conftest import storefront_order

ArtisanOrderNotice = get_model("order", "ArtisanOrderNotice")
CommunicationEventType = get_model("communication", "CommunicationEventType")
pytestmark = pytest.mark.django_db


def emails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_the_event_type_exists_for_the_dashboard_editor():
    assert CommunicationEventType.objects.filter(code="ARTISAN_NEW_ORDER").exists()


def test_a_storefront_order_emails_each_artisan_their_own_lines_in_their_language(
        gallery, celery_eager, django_capture_on_commit_callbacks):  # noqa: F811
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order = storefront_order(gallery["buyer"], [gallery["songket"], gallery["batik"]],
                                 first_name="Sri", line1="Jl. Kenjeran 12", line4="Surabaya")

    [gresik] = emails_to("gresik@example.com")
    [madura] = emails_to("madura@example.com")
    # Gresik reads Indonesian (the default), Madura chose English.
    assert gresik.subject == f"Pesanan baru {order.number} dari Toko online (Galeri Kriya): 1 karya Anda"
    assert "Songket Gresik Benang Emas" in gresik.body and "Rp\xa0450.000" in gresik.body
    assert "Batik Tanjungbumi" not in gresik.body and "385.000" not in gresik.body and "835.000" not in gresik.body
    assert "Siapkan karya" in gresik.body and f"/dashboard/orders/{order.number}/" in gresik.body
    assert "Salam hangat, tim Galeri Kriya" in gresik.body
    assert madura.subject == f"New order {order.number} from Storefront (Galeri Kriya): 1 of your pieces"
    assert "Batik Tanjungbumi Gentongan" in madura.body and "Songket" not in madura.body
    assert f"/en/dashboard/orders/{order.number}/" in madura.body
    html = dict((alt[1], alt[0]) for alt in gresik.alternatives)["text/html"]
    assert "Songket Gresik Benang Emas" in html and "Batik Tanjungbumi" not in html

    # The task may run again (a retry, a duplicate delivery): nobody hears twice.
    assert order_artisans_notify(order_id=order.pk) == 0
    assert len(mail.outbox) == 2


def remote_order(sku, remote_id="2611ZZ", state=OrderState.TO_SHIP):
    now = timezone.now()
    return RemoteOrder(
        remote_id=remote_id, state=state, remote_status="READY_TO_SHIP", created_at=now - dt.timedelta(minutes=5),
        updated_at=now, currency="IDR", total=Decimal("450000"),
        lines=[RemoteOrderLine(remote_line_id="1", sku=sku, title="Songket", quantity=1, unit_price=Decimal("450000"))],
        shipping_address=RemoteAddress(name="Rini Kusuma", phone="081234567890", line1="Jl. Ijen 3", city="Malang",
                                       state="Jawa Timur", postcode="65112"),
        raw={"order_sn": remote_id, "buyer_username": "rinikusuma"},
    )


def test_a_marketplace_order_emails_its_artisan_once_even_if_imported_twice(
        gallery, celery_eager, django_capture_on_commit_callbacks):  # noqa: F811
    mail.outbox.clear()
    sku = gallery["songket"].stockrecords.get().partner_sku
    with django_capture_on_commit_callbacks(execute=True):
        assert remote_order_apply(channel=gallery["shopee"], remote_order=remote_order(sku)) == "created"
    with django_capture_on_commit_callbacks(execute=True):
        remote_order_apply(channel=gallery["shopee"], remote_order=remote_order(sku))

    [email] = mail.outbox
    assert email.to == ["gresik@example.com"]
    assert email.subject.startswith("Pesanan baru shopee-galeri-2611ZZ dari Shopee Galeri Kriya")
    assert ArtisanOrderNotice.objects.filter(partner=gallery["gresik"]).count() == 1


def test_an_unpaid_marketplace_order_emails_nobody(gallery, celery_eager,  # noqa: F811
                                                    django_capture_on_commit_callbacks):
    mail.outbox.clear()
    sku = gallery["songket"].stockrecords.get().partner_sku
    with django_capture_on_commit_callbacks(execute=True):
        remote_order_apply(channel=gallery["shopee"], remote_order=remote_order(sku, "UNPAID1", OrderState.UNPAID))
    assert mail.outbox == []
