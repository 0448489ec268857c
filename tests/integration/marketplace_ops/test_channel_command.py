"""`manage.py marketplace_channel add|list|remove`: what it stores and how it refuses bad input."""
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marketplace_sync.models import Channel, ImportedOrder
from tests.factories import ArtisanFactory

pytestmark = pytest.mark.django_db

CREDENTIALS = {"partner_id": 2001887, "partner_key": "secret-key", "shop_id": 14701711,
               "access_token": "a" * 32, "refresh_token": "r" * 32}


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("marketplace_channel", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def add(code="shopee-main", *extra, credentials=None):
    return run("add", code, "--kind", "shopee", "--api-base", "http://127.0.0.1:9/",
               "--credentials", credentials if credentials is not None else json.dumps(CREDENTIALS), *extra)


def test_add_stores_rule_scope_and_encrypted_credentials():
    artisan = ArtisanFactory(slug="sanggar-tanjung-bumi")

    output = add("shopee-tanjung", "--partner", "sanggar-tanjung-bumi", "--markup", "10", "--round", "1000",
                 "--buffer", "1", "--name", "Toko Tanjung Bumi")

    channel = Channel.objects.get(code="shopee-tanjung")
    assert "Added channel shopee-tanjung" in output
    assert (channel.kind, channel.name, channel.partner, channel.markup_percent, channel.price_rounding,
            channel.stock_buffer, channel.enabled) == (
        "shopee", "Toko Tanjung Bumi", artisan, Decimal("10.00"), 1000, 1, True)
    assert channel.credentials == CREDENTIALS
    # At rest the secrets are ciphertext, not JSON.
    assert "secret-key" not in channel.credentials_encrypted and "a" * 32 not in channel.credentials_encrypted


def test_add_accepts_the_oscar_partner_code_too():
    artisan = ArtisanFactory(slug="sanggar-x")
    artisan.code = "ART-0042"
    artisan.save()

    add("shopee-x", "--partner", "ART-0042")

    assert Channel.objects.get(code="shopee-x").partner == artisan


@pytest.mark.parametrize("credentials, message", [
    ("{partner_id: 1", "--credentials is not valid JSON"),
    ("[1, 2]", "--credentials must be a JSON object"),
    (json.dumps({"partner_id": 2001887}), "credentials refused for shopee"),
])
def test_add_refuses_bad_credentials_and_saves_nothing(credentials, message):
    with pytest.raises(CommandError, match=message):
        add(credentials=credentials)
    assert not Channel.objects.exists()


@pytest.mark.parametrize("extra, message", [
    (("--partner", "nobody-here"), "unknown partner code 'nobody-here'"),
    (("--round", "250"), "--round must be one of 1, 100, 500, 1000"),
    (("--round", "seribu"), "--round must be one of"),
    (("--markup", "ten"), "--markup must be a number"),
    (("--buffer", "-1"), "--buffer must be a whole number"),
    (("--options", "{bad"), "--options is not valid JSON"),
])
def test_add_refuses_bad_options_and_saves_nothing(extra, message):
    with pytest.raises(CommandError, match=message):
        add("shopee-bad", *extra)
    assert not Channel.objects.exists()


def test_add_refuses_an_unknown_kind():
    with pytest.raises(CommandError, match="unknown --kind 'ebay'"):
        run("add", "x", "--kind", "ebay", "--api-base", "http://x", "--credentials", "{}")


def test_add_refuses_a_duplicate_code_and_leaves_the_first_untouched():
    add("shopee-main", "--markup", "5")

    with pytest.raises(CommandError, match="already exists"):
        add("shopee-main", "--markup", "50")

    assert Channel.objects.count() == 1
    assert Channel.objects.get().markup_percent == Decimal("5.00")


def test_list_shows_every_channel():
    add("shopee-a", "--markup", "10")
    add("shopee-b", "--disabled")

    output = run("list")

    lines = output.splitlines()
    assert lines[0].startswith("CODE")
    assert any(line.startswith("shopee-a") and "10%" in line and " yes " in line for line in lines)
    assert any(line.startswith("shopee-b") and " no " in line for line in lines)


def test_list_without_channels():
    assert "No marketplace channels." in run("list")


def test_remove_deletes_a_channel_without_orders():
    add("shopee-gone")

    assert "Removed channel shopee-gone" in run("remove", "shopee-gone")
    assert not Channel.objects.exists()


def test_remove_only_disables_a_channel_that_imported_orders():
    add("shopee-kept")
    channel = Channel.objects.get()
    ImportedOrder.objects.create(channel=channel, remote_order_id="240101ABCDEFGH")

    output = run("remove", "shopee-kept")

    channel.refresh_from_db()
    assert "disabled, not deleted: 1 orders" in output
    assert channel.enabled is False


def test_remove_unknown_code():
    with pytest.raises(CommandError, match="no channel with code 'nope'"):
        run("remove", "nope")
