"""TikTok Shop signing (the documentation's own examples), listing rules and order mapping, offline."""
import io
import json
from decimal import Decimal

import pytest
from PIL import Image

from marketplace_sync.adapters.base import ListingImage, ListingPayload, ListingRejected, OrderState, PayloadError
from marketplace_sync.adapters.tiktok import mapping, signing, webhooks


def test_the_documented_get_example_signs_to_the_documented_digest():
    # [TT-SIGN] "Sign your API request": app_key 29a39d, secret e59af819cc.
    assert signing.request_sign(app_secret="e59af819cc", path="/authorization/202309/shops",
                                params={"app_key": "29a39d", "timestamp": 1623812664}) == \
        "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8"


def test_the_documented_post_example_signs_the_body_and_ignores_sign_and_access_token():
    params = {"app_key": "68xu9ks5p4i8", "shop_cipher": "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK", "timestamp": 1696909648,
              "sign": "ignored", "access_token": "ignored"}
    body = b'{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}'
    assert signing.request_sign(app_secret="e59af819cc", path="/event/202309/webhooks", params=params, body=body) == \
        "cd0d6268252f4ba293bf7ea4c0a2873bf9beec600d22530638564ab301435f7a"


def test_webhook_authorization_example_and_verification():
    body = (b'{"type":1,"tts_notification_id":"7327112393057371910","shop_id":"7494049642642441621",'
            b'"timestamp":1644412885,"data":{"order_id":"576486316948490001","order_status":"UNPAID",'
            b'"is_on_hold_order":false,"update_time":1644412885}}')
    digest = "06df0a3bb1cbfd036bb92b7ed2b3783a4a5dab99829bd58ac49815b67d92c2dc"
    assert signing.webhook_signature(app_key="68xu9ks5p4i8", app_secret="e59af819cc", body=body) == digest
    assert webhooks.verify(app_key="68xu9ks5p4i8", app_secret="e59af819cc", body=body,
                           headers={"Authorization": digest})
    assert not webhooks.verify(app_key="68xu9ks5p4i8", app_secret="e59af819cc", body=body + b" ",
                               headers={"Authorization": digest})
    [event] = webhooks.parse(body)
    assert (event.kind, event.remote_order_id) == ("order", "576486316948490001")


def payload(**overrides):
    values = dict(
        sku="GK-1",
        title="Tas Pandan",
        description="Anyaman pandan.\n\nAsal: Madura",
        price=Decimal("150000"),
        images=[ListingImage(key="1", filename="a.png", read=lambda: b"")],
        attributes={"technique": "Anyaman", "region": "Sumenep", "materials": "Pandan"},
        weight_kg=Decimal("0.8"),
    )
    values.update(overrides)
    return ListingPayload(**values)


def test_a_short_title_is_lengthened_with_craft_and_region_to_25_characters():
    title = mapping.compose_title(payload())
    assert title == "Tas Pandan - Anyaman - Sumenep" and 25 <= len(title) <= 255
    assert mapping.compose_title(payload(title="T" * 300)) == "T" * 255
    assert len(mapping.compose_title(payload(title="Kipas", attributes={}))) >= 25


def test_listing_problems_name_the_reason():
    assert mapping.listing_problems(payload(), {}) == []
    problems = mapping.listing_problems(payload(price=Decimal("0"), attributes={}), {})
    assert any("price" in p for p in problems) and any("material" in p for p in problems)
    assert (
        mapping.listing_problems(
            payload(attributes={}), {"product_attributes": [{"id": "1", "values": [{"name": "x"}]}]}
        )
        == []
    )


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 60, 20)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("size", [(8, 8), (5000, 3000), (100, 2000), (20, 9000)])
def test_images_are_resized_into_300_to_4000_px(size):
    data, name = mapping.image_for_upload(png(*size), "x.png")
    width, height = Image.open(io.BytesIO(data)).size
    assert 300 <= min(width, height) and max(width, height) <= 4000 and name == "x.jpg"


def test_an_image_within_the_rules_is_sent_unchanged_and_garbage_is_refused():
    original = png(800, 600)
    assert mapping.image_for_upload(original, "ok.png") == (original, "ok.png")
    with pytest.raises(ListingRejected):
        mapping.image_for_upload(b"not an image", "bad.png")


def order(**overrides):
    unit = {"id": "1", "sku_id": "9", "product_id": "7", "seller_sku": "GK-1", "product_name": "Tas",
            "sale_price": "150000", "original_price": "150000"}
    raw = {"id": "576486316948490001", "status": "AWAITING_SHIPMENT", "create_time": 1700000000,
           "update_time": 1700000100, "payment": {"currency": "IDR", "total_amount": "310000", "shipping_fee": "10000"},
           "line_items": [unit, {**unit, "id": "2"}, {**unit, "id": "3", "seller_sku": "GK-2", "sale_price": "10000"}],
           "recipient_address": {"name": "Sari", "phone_number": "(+62)812", "postal_code": "65111",
                                 "address_detail": "Jl. Ijen 25", "region_code": "ID",
                                 "district_info": [{"address_level": "L1", "address_name": "Jawa Timur"},
                                                   {"address_level": "L2", "address_name": "Kota Malang"},
                                                   {"address_level": "L3", "address_name": "Klojen"}]},
           "packages": [{"id": "115"}]}
    raw.update(overrides)
    return json.loads(json.dumps(raw))


def test_one_line_per_unit_is_grouped_back_by_sku():
    parsed = mapping.parse_order(order())
    assert [(line.sku, line.quantity, line.unit_price) for line in parsed.lines] == [("GK-1", 2, Decimal("150000.00")),
                                                                         ("GK-2", 1, Decimal("10000.00"))]
    assert (parsed.total, parsed.shipping_fee, parsed.state) == (
        Decimal("310000"),
        Decimal("10000"),
        OrderState.TO_SHIP,
    )
    assert (parsed.shipping_address.city, parsed.shipping_address.state) == ("Kota Malang", "Jawa Timur")
    assert mapping.package_id(order()) == "115"


@pytest.mark.parametrize("status, state", [("CANCELLED", OrderState.CANCELLED), ("CANCEL", OrderState.CANCELLED),
                                           ("IN_TRANSIT", OrderState.SHIPPED), ("UNPAID", OrderState.UNPAID),
                                           ("AWAITING_COLLECTION", OrderState.PROCESSING)])
def test_api_and_webhook_status_spellings_map(status, state):
    assert mapping.parse_order(order(status=status)).state == state


def test_money_must_be_a_string_amount():
    with pytest.raises(PayloadError):
        mapping.parse_order(order(payment={"total_amount": 310000.5}))
