"""Courier table: every courier has a tracking page; numbers are made URL-safe; settings override."""
import pytest

from shop.order.couriers import COURIERS, MARKETPLACE_COURIER, courier_choices, courier_name, tracking_url


@pytest.mark.parametrize("courier", COURIERS, ids=lambda courier: courier.code)
def test_every_courier_links_to_its_tracking_page_with_the_number(courier):
    url = tracking_url(courier.code, " JP 1234/5 ")
    assert url.startswith("https://") and "JP%201234%2F5" in url


def test_the_select_offers_the_couriers_indonesian_shops_use():
    names = dict(courier_choices()).values()
    assert {"JNE", "J&T Express", "SiCepat", "POS Indonesia", "AnterAja"} <= set(names)


def test_no_link_without_a_number_or_for_an_unknown_courier():
    assert tracking_url("jne", "") == "" and tracking_url("kurirku", "123") == ""
    assert tracking_url(MARKETPLACE_COURIER, "SPXID01") == ""
    assert courier_name("kurirku") == "kurirku"


def test_settings_override_a_pattern(settings):
    settings.SHIPMENT_TRACKING_URLS = {"jne": "https://track.example/jne/{number}", "kurirku": "https://k.example/{number}"}
    assert tracking_url("jne", "CGK1") == "https://track.example/jne/CGK1"
    assert tracking_url("kurirku", "9") == "https://k.example/9"
