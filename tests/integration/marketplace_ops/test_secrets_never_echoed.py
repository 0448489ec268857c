"""No credential typed into a channel form ever comes back in a page (issue 12: render_value=True)."""
import pytest
from django.urls import reverse
from django.utils import translation

from marketplace_sync.models import Channel

pytestmark = pytest.mark.django_db

URL = "marketplace_dashboard:"
SECRET_KEY = "sekret-partner-key-9f8e7d"
ACCESS = "sekret-access-token-1a2b3c"
REFRESH = "sekret-refresh-token-4d5e6f"
SECRETS = (SECRET_KEY, ACCESS, REFRESH)


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser(
        username="admin", email="admin@kriya.example", password="x"))
    return client


def _assert_no_secret(response):
    body = response.content.decode("utf-8", "replace") + response.get("Location", "")
    for secret in SECRETS:
        assert secret not in body, f"{secret} echoed by {response.request['PATH_INFO']}"


def _add_data(**overrides):
    data = {"kind": "shopee", "code": "shopee-sekret", "name": "Shopee", "api_base_url": "http://127.0.0.1:9/",
            "partner_id": "2001887", "partner_key": SECRET_KEY, "shop_id": "14701711", "access_token": ACCESS,
            "refresh_token": REFRESH, "markup_percent": "0", "price_rounding": "100", "stock_buffer": "0",
            "enabled": "on", "options": "{}"}
    data.update(overrides)
    return data


INVALID = [
    {"code": "not a slug!"},                                    # field error
    {"api_base_url": "not a url"},
    {"options": "{not json"},
    {"shop_id": ""},                                            # Shopee: tokens without the shop id
    {"partner_id": "abc"},                                      # Shopee partner id not a number
    {"kind": "tiktok"},                                         # TikTok: tokens must come from Connect
    {"kind": "lazada", "refresh_token": ""},                    # Lazada: half a token pair
    {"kind": "lazada", "partner_id": ""},                       # missing app key
    {"kind": "nope"},
]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("overrides", INVALID)
def test_an_invalid_add_form_never_echoes_a_secret(admin_client, overrides, language):
    with translation.override(language):
        url = reverse(URL + "channel-add")
    response = admin_client.post(url, _add_data(**overrides))
    assert response.status_code == 200 and response.context["form"].errors
    _assert_no_secret(response)
    assert Channel.objects.count() == 0


def test_a_duplicate_code_answers_without_the_secret(admin_client):
    url = reverse(URL + "channel-add")
    assert admin_client.post(url, _add_data()).status_code == 302
    response = admin_client.post(url, _add_data())
    assert response.status_code == 200
    _assert_no_secret(response)


def test_no_channel_page_shows_a_stored_secret(admin_client):
    assert admin_client.post(reverse(URL + "channel-add"), _add_data()).status_code == 302
    channel = Channel.objects.get()
    assert channel.credentials["partner_key"] == SECRET_KEY  # stored, encrypted
    pages = [
        admin_client.get(reverse(URL + "channel-list")),
        admin_client.get(reverse(URL + "channel-add")),
        admin_client.get(reverse(URL + "channel-detail", args=[channel.pk])),
        # An invalid settings form (the edit page) comes back with its errors.
        admin_client.post(reverse(URL + "channel-detail", args=[channel.pk]),
                          {"name": "", "api_base_url": "bad", "price_rounding": "7", "options": "[1]"}),
        # Connect redirects to the marketplace: its URL carries a signature, never the key.
        admin_client.post(reverse(URL + "channel-connect", args=[channel.pk])),
        admin_client.get(reverse(URL + "channel-connect-callback", args=[channel.pk]), {"code": "c", "state": "x"},
                         follow=True),
        admin_client.get(reverse("admin:marketplace_sync_channel_change", args=[channel.pk]))
        if _admin_registered() else admin_client.get(reverse(URL + "channel-list")),
    ]
    for response in pages:
        assert response.status_code in (200, 302), response.request["PATH_INFO"]
        _assert_no_secret(response)


def _admin_registered():
    from django.contrib import admin

    return Channel in admin.site._registry
