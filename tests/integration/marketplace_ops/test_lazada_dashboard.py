"""Dashboard for a Lazada channel: added through the form, connected through Lazada's own OAuth."""
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse
from django.utils import translation

from marketplace_sync.models import Channel
from marketplace_sync.services.listings import listings_push
from tests.fixtures.lazada import APP_KEY, APP_SECRET, SELLER_ID, lazada_sim  # noqa: F401

from .conftest import listed_product

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("lazada_simulator")]

URL = "marketplace_dashboard:"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def add_lazada(admin_client, lazada_sim, **extra):
    return admin_client.post(reverse(URL + "channel-add"), {
        "kind": "lazada", "code": "lazada-baru", "name": "Lazada Baru", "api_base_url": lazada_sim.api_url,
        "partner_id": APP_KEY, "partner_key": APP_SECRET, "auth_base": lazada_sim.api_url,
        "markup_percent": "10", "price_rounding": "1000", "stock_buffer": "0", "enabled": "on", "options": "",
        **extra,
    })


def test_add_a_lazada_channel_and_connect_it_through_lazadas_oauth(admin_client, lazada_sim):
    lazada_sim.add_seller(SELLER_ID)
    response = add_lazada(admin_client, lazada_sim)
    channel = Channel.objects.get(code="lazada-baru")
    assert response.status_code == 302
    assert channel.credentials == {"app_key": APP_KEY, "app_secret": APP_SECRET, "auth_base": lazada_sim.api_url}

    page = admin_client.get(reverse(URL + "channel-detail", args=[channel.pk])).content.decode()
    assert "Connect Lazada shop" in page and "Connect Shopee shop" not in page

    start = admin_client.post(reverse(URL + "channel-connect", args=[channel.pk]))
    auth_url = start["Location"]
    assert auth_url.startswith(f"{lazada_sim.base_url}/oauth/authorize?")
    assert parse_qs(urlsplit(auth_url).query)["client_id"] == [APP_KEY]
    approved = requests.get(auth_url, allow_redirects=False, timeout=5)
    callback = urlsplit(approved.headers["Location"])
    assert callback.path == reverse(URL + "channel-connect-callback", args=[channel.pk])
    done = admin_client.get(f"{callback.path}?{callback.query}", follow=True)

    channel.refresh_from_db()
    assert f"Shop {SELLER_ID} connected" in done.content.decode()
    assert channel.credentials["access_token"] and channel.credentials["seller_id"] == SELLER_ID
    page = admin_client.get(reverse(URL + "channel-detail", args=[channel.pk])).content.decode()
    assert f"Connected to shop <strong>{SELLER_ID}</strong>" in page
    listed_product()
    assert listings_push(channel=channel).created == 1


def test_lazada_tokens_come_in_pairs(admin_client, lazada_sim):
    response = add_lazada(admin_client, lazada_sim, access_token="only-one")
    assert response.status_code == 200 and "together" in response.content.decode()
    assert not Channel.objects.filter(code="lazada-baru").exists()
