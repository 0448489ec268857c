"""Marketplace dashboard pages: access, what they show, sync now, and Shopee OAuth end to end."""
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from marketplace_sync.models import Channel, Listing, SyncRun
from marketplace_sync.services.channels import channel_create, channel_update
from marketplace_sync.services.listings import listings_push

from .conftest import OPTIONS, PARTNER_ID, PARTNER_KEY, listed_product

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

URL = "marketplace_dashboard:"


@pytest.fixture(autouse=True)
def english():
    """Pages under /en/, so assertions read the English source strings whatever locale/id holds."""
    with translation.override("en"):
        yield


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser(username="admin", email="admin@kriya.example",
                                                      password="x")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def viewer(django_user_model):
    """A curator: staff, no marketplace permission."""
    return django_user_model.objects.create_user(username="kurator", email="k@kriya.example", password="x",
                                                 is_staff=True)


def flagged_order(channel):
    return Order.objects.create(
        number="shopee-ops-240101X", channel=channel, remote_order_number="240101X", currency="IDR",
        total_incl_tax=Decimal("150000"), total_excl_tax=Decimal("150000"), status="Baru",
        needs_review=True, review_reason=Order.OVERSOLD, review_note="Batik: 1 ordered, 0 left.")


def all_pages(channel, product, run):
    return [
        reverse(URL + "channel-list"), reverse(URL + "channel-add"), reverse(URL + "channel-detail", args=[channel.pk]),
        reverse(URL + "run-list"), reverse(URL + "run-detail", args=[run.pk]), reverse(URL + "listing-list"),
        reverse(URL + "product-channels", args=[product.pk]), reverse(URL + "review-list"),
    ]


def test_staff_sees_every_page(admin_client, sim, channel):
    product = listed_product()
    result = listings_push(channel=channel)
    flagged_order(channel)
    run = SyncRun.objects.get(pk=result.run_id)

    for url in all_pages(channel, product, run):
        response = admin_client.get(url)
        assert response.status_code == 200, url

    listing_page = admin_client.get(reverse(URL + "listing-list"), {"q": product.title[:10]}).content.decode()
    assert product.title in listing_page
    assert "shopee-ops-240101X" in admin_client.get(reverse(URL + "review-list")).content.decode()


def test_dashboard_menu_has_the_marketplace_section(admin_client):
    page = admin_client.get(reverse("dashboard:index")).content.decode()
    assert reverse(URL + "channel-list") in page
    assert reverse(URL + "review-list") in page


def test_non_staff_get_403_and_anonymous_the_login(client, django_user_model, channel):
    product = listed_product()
    run = SyncRun.objects.create(channel=channel, kind=SyncRun.PUSH)
    pages = all_pages(channel, product, run)

    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and reverse("dashboard:login") in response["Location"], url

    buyer = django_user_model.objects.create_user(username="pembeli", email="b@kriya.example", password="x")
    client.force_login(buyer)
    for url in pages:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse(URL + "channel-sync", args=[channel.pk])).status_code == 403


def test_staff_without_the_permission_can_look_but_not_change(client, viewer, channel):
    client.force_login(viewer)

    assert client.get(reverse(URL + "channel-list")).status_code == 200
    assert client.get(reverse(URL + "channel-add")).status_code == 403
    assert client.post(reverse(URL + "channel-sync", args=[channel.pk])).status_code == 403
    assert client.post(reverse(URL + "channel-detail", args=[channel.pk]), {"name": "x"}).status_code == 403

    viewer.user_permissions.add(Permission.objects.get(codename="change_channel"))
    viewer = type(viewer).objects.get(pk=viewer.pk)  # drop the permission cache
    client.force_login(viewer)
    assert client.get(reverse(URL + "channel-add")).status_code == 200


def test_stock_explanation_shows_the_numbers(admin_client, sim, channel):
    channel_update(channel=channel, stock_buffer=1)
    product = listed_product(num_in_stock=7)
    listings_push(channel=channel)
    record = product.stockrecords.get()
    record.num_allocated = 2
    record.save()

    page = admin_client.get(reverse(URL + "product-channels", args=[product.pk])).content.decode()

    # 7 in stock - 2 allocated - buffer 1 = 4; the channel was last told 6 (before the allocation).
    assert '<strong class="num-in-stock">7</strong>' in page
    assert '<strong class="num-allocated">2</strong>' in page
    assert '<strong class="buffer">1</strong>' in page
    assert '<strong class="available">4</strong>' in page
    assert '<strong class="pushed-stock">6</strong>' in page


def test_channel_list_shows_last_runs_and_token_countdown(admin_client, sim, channel):
    listed_product()
    listings_push(channel=channel)
    Channel.objects.filter(pk=channel.pk).update(access_token_expires_at=None)
    from marketplace_sync.services.tokens import channel_tokens_refresh

    channel_tokens_refresh(channel=channel)

    page = admin_client.get(reverse(URL + "channel-list")).content.decode()

    channel.refresh_from_db()
    assert f'data-expires="{channel.access_token_expires_at.isoformat()}"' in page
    assert page.count("badge-success") >= 2  # push and tokens succeeded


def test_sync_now_enqueues_only_after_commit(admin_client, sim, channel, celery_eager,
                                             django_capture_on_commit_callbacks):
    listed_product()
    url = reverse(URL + "channel-sync", args=[channel.pk])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.post(url)
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert not SyncRun.objects.exists()  # nothing ran inside the request's transaction

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, follow=True)

    assert {run.kind for run in SyncRun.objects.all()} == {SyncRun.PUSH, SyncRun.PULL}
    assert Listing.objects.filter(channel=channel, status=Listing.LISTED).count() == 1
    assert "Sync queued for Shopee Ops" in response.content.decode()


def test_add_and_edit_channel_through_the_forms(admin_client, sim):
    response = admin_client.post(reverse(URL + "channel-add"), {
        "kind": "shopee", "code": "shopee-baru", "name": "Shopee Baru", "api_base_url": sim.base_url,
        "partner_id": PARTNER_ID, "partner_key": PARTNER_KEY, "markup_percent": "10", "price_rounding": "500",
        "stock_buffer": "1", "enabled": "on", "options": "",
    })
    channel = Channel.objects.get(code="shopee-baru")
    assert response.status_code == 302 and response["Location"] == reverse(URL + "channel-detail", args=[channel.pk])
    assert channel.credentials == {"partner_id": PARTNER_ID, "partner_key": PARTNER_KEY}

    response = admin_client.post(reverse(URL + "channel-detail", args=[channel.pk]), {
        "name": "Shopee Baru", "api_base_url": sim.base_url, "markup_percent": "12.5", "price_rounding": "1000",
        "stock_buffer": "2", "options": '{"category_id": 100001}',
    })
    channel.refresh_from_db()
    assert response.status_code == 302
    assert (channel.markup_percent, channel.price_rounding, channel.stock_buffer, channel.enabled, channel.options) == (
        Decimal("12.50"), 1000, 2, False, {"category_id": 100001})


def test_add_form_reports_errors_and_saves_nothing(admin_client, sim, channel):
    response = admin_client.post(reverse(URL + "channel-add"), {
        "kind": "shopee", "code": "shopee-ops", "api_base_url": "not a url", "partner_id": PARTNER_ID,
        "partner_key": "k", "markup_percent": "10", "price_rounding": "250", "stock_buffer": "0",
        "options": "[1]", "shop_id": "5",
    })
    form = response.context["form"]
    assert response.status_code == 200
    assert {"code", "api_base_url", "price_rounding", "options"} <= set(form.errors)
    assert Channel.objects.count() == 1


def test_connect_shopee_shop_end_to_end(admin_client, sim):
    channel = channel_create(kind="shopee", code="shopee-connect", api_base_url=sim.base_url,
                             credentials={"partner_id": PARTNER_ID, "partner_key": PARTNER_KEY}, options=OPTIONS)
    sim.auth_shop_id = 555001

    # 1. The button sends the browser to Shopee's auth_partner with our callback.
    start = admin_client.post(reverse(URL + "channel-connect", args=[channel.pk]))
    assert start.status_code == 302
    auth_url = start["Location"]
    assert auth_url.startswith(f"{sim.base_url}/api/v2/shop/auth_partner?")
    # 2. The seller approves on Shopee (the simulator auto-approves) and is sent back.
    approved = requests.get(auth_url, allow_redirects=False, timeout=5)
    assert approved.status_code == 302
    callback = urlsplit(approved.headers["Location"])
    query = parse_qs(callback.query)
    assert callback.path == reverse(URL + "channel-connect-callback", args=[channel.pk])
    assert query["shop_id"] == ["555001"] and query["code"]
    # 3. The callback exchanges the code for tokens and stores them.
    done = admin_client.get(f"{callback.path}?{callback.query}", follow=True)

    channel.refresh_from_db()
    credentials = channel.credentials
    assert "Shop 555001 connected" in done.content.decode()
    assert credentials["shop_id"] == 555001
    assert credentials["access_token"] and credentials["refresh_token"]
    assert channel.access_token_expires_at is not None
    # The stored token works: a push to the connected shop goes through.
    listed_product()
    assert listings_push(channel=channel).created == 1
    assert next(iter(sim.items.values()))["shop_id"] == 555001


def test_connect_callback_refuses_a_forged_state(admin_client, sim):
    channel = channel_create(kind="shopee", code="shopee-forged", api_base_url=sim.base_url,
                             credentials={"partner_id": PARTNER_ID, "partner_key": PARTNER_KEY}, options=OPTIONS)
    code = sim.issue_auth_code(777)

    response = admin_client.get(reverse(URL + "channel-connect-callback", args=[channel.pk]),
                                {"code": code, "shop_id": 777, "state": "forged"}, follow=True)

    channel.refresh_from_db()
    assert "not valid or has expired" in response.content.decode()
    assert "access_token" not in channel.credentials


def test_resolve_a_flagged_order(admin_client, channel):
    order = flagged_order(channel)

    response = admin_client.post(reverse(URL + "review-resolve", args=[order.pk]),
                                 {"note": "Buyer refunded on Shopee"}, follow=True)

    order.refresh_from_db()
    assert response.status_code == 200
    assert order.needs_review is False
    assert "Resolved by admin: Buyer refunded on Shopee" in order.review_note
    assert "Order shopee-ops-240101X is no longer flagged." in response.content.decode()
    assert reverse(URL + "review-resolve", args=[order.pk]) not in response.content.decode()
