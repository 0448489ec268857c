"""The simulators refuse variations the marketplaces refuse (limits and shapes from their docs).

Shopee: init_tier_variation / add_model / update_price per model over HTTP; TikTok Shop:
sales_attributes of several SKUs; Lazada: Variation + saleProp. Each also takes an
order for one model/SKU through its buyer API.
"""
import copy
import json

import pytest

from marketplace_sync.simulators.lazada import LazadaSimulator
from marketplace_sync.simulators.shopee import ShopeeSimulator, SimulatorError
from marketplace_sync.simulators.tiktok import TikTokShopSimulator
from tests.contract import test_lazada as lazada_wire
from tests.contract import test_shopee_simulator as shopee_wire
from tests.contract import test_tiktok_simulator as tiktok_wire

pytestmark = pytest.mark.xdist_group("simulator_variations")

TIER = {"name": "Ukuran", "option_list": [{"option": "S"}, {"option": "M"}, {"option": "L"}]}


def model(index, sku, price=300000, stock=3):
    return {"tier_index": [index], "model_sku": sku, "original_price": price, "seller_stock": [{"stock": stock}]}


@pytest.fixture
def shopee():
    sim = ShopeeSimulator(partner_id=shopee_wire.PARTNER_ID, partner_key=shopee_wire.PARTNER_KEY,
                          now=shopee_wire.Clock())
    sim.start(host="127.0.0.1", port=0)
    shop = sim.add_shop(shop_id=shopee_wire.SHOP_ID)
    item = shopee_wire.call(sim, "POST", "/api/v2/product/add_item", shop, json_body=shopee_wire.item_body(
        image={"image_id_list": [shopee_wire.upload(sim, shop)]})).json()["response"]["item_id"]
    yield sim, shop, item
    sim.stop()


def init(shopee, tiers, models):
    sim, shop, item = shopee
    return shopee_wire.call(sim, "POST", "/api/v2/product/init_tier_variation", shop,
                            json_body={"item_id": item, "tier_variation": tiers, "model": models}).json()


@pytest.mark.parametrize("tiers, models, why", [
    ([TIER, TIER, TIER], [model(0, "a")], "three tiers (at most two)"),
    ([{"name": "Ukuran", "option_list": [{"option": "S"}, {"option": "S"}]}], [model(0, "a")], "duplicate option"),
    ([{"name": "Ukuran baju untuk dewasa", "option_list": [{"option": "S"}]}], [model(0, "a")], "name > 14"),
    ([TIER], [model(0, "a"), model(0, "b")], "two models on one option"),
    ([TIER], [model(3, "a")], "tier_index out of range"),
    ([TIER], [model(0, "a", price=1.5)], "a rupiah price with decimals"),
    ([{"name": "Ukuran", "option_list": [{"option": str(i)} for i in range(51)]}],
     [model(i, str(i)) for i in range(51)], "51 models (at most 50)"),
])
def test_shopee_refuses_variations_outside_its_limits(shopee, tiers, models, why):
    assert init(shopee, tiers, models)["error"] == "error_param", why
    sim, _, item = shopee
    assert sim.items[item]["models"] == []


def test_shopee_models_are_priced_stocked_and_ordered_one_by_one(shopee):
    sim, shop, item = shopee
    answer = init(shopee, [TIER], [model(0, "K-S"), model(1, "K-M", stock=4), model(2, "K-L", price=350000)])
    ids = [m["model_id"] for m in answer["response"]["model"]]
    assert answer["error"] == "" and 0 not in ids and sim.items[item]["stock"] == 10

    whole = shopee_wire.call(sim, "POST", "/api/v2/product/update_price", shop, json_body={
        "item_id": item, "price_list": [{"model_id": 0, "original_price": 1000}]}).json()["response"]
    assert whole["failure_list"] and not whole["success_list"]  # an item with models is priced per model
    one = shopee_wire.call(sim, "POST", "/api/v2/product/update_price", shop, json_body={
        "item_id": item, "price_list": [{"model_id": ids[1], "original_price": 330000}]}).json()["response"]
    assert one["success_list"] == [{"model_id": ids[1], "original_price": 330000}]
    assert [m["original_price"] for m in sim.items[item]["models"]] == [300000, 330000, 350000]

    with pytest.raises(SimulatorError):
        sim.create_order(shop["shop_id"], [{"item_id": item, "model_id": 0, "quantity": 1}])
    order_sn = sim.create_order(shop["shop_id"], [{"item_id": item, "model_id": ids[1], "quantity": 2}])
    line = sim.orders[order_sn]["item_list"][0]
    assert (line["model_id"], line["model_sku"], line["model_name"], line["model_original_price"]) == (
        ids[1], "K-M", "M", 330000)
    assert [m["stock"] for m in sim.items[item]["models"]] == [3, 2, 3]
    listed = shopee_wire.call(sim, "GET", "/api/v2/product/get_model_list", shop, params={"item_id": item}).json()
    assert [m["stock_info_v2"]["seller_stock"][0]["stock"] for m in listed["response"]["model"]] == [3, 2, 3]


# --------------------------------------------------------------------------- TikTok Shop


@pytest.fixture
def tiktok():
    sim = TikTokShopSimulator(app_key=tiktok_wire.APP_KEY, app_secret=tiktok_wire.APP_SECRET, now=tiktok_wire.Clock())
    sim.start(host="127.0.0.1", port=0)
    yield sim, sim.add_shop()
    sim.stop()


def tiktok_create(tiktok, sales_attributes):
    sim, shop = tiktok
    warehouse = tiktok_wire.call(sim, "GET", "/logistics/202309/warehouses", shop).json()["data"]["warehouses"][0]["id"]
    sim._images["tos-sim/1"] = {"data": b"", "format": "JPEG"}
    skus = [{"seller_sku": f"K-{i}", "price": {"amount": "300000", "currency": "IDR"},
             "inventory": [{"warehouse_id": warehouse, "quantity": 3}], "sales_attributes": attributes}
            for i, attributes in enumerate(sales_attributes)]
    return tiktok_wire.call(sim, "POST", "/product/202309/products", shop, body={
        "title": "Kemeja Batik Cap Pamekasan Kawung Soga", "description": "<p>Kemeja batik cap.</p>",
        "category_id": sim.DEFAULT_CATEGORY, "main_images": [{"uri": "tos-sim/1"}],
        "package_weight": {"value": "0.3", "unit": "KILOGRAM"}, "skus": skus,
        "product_attributes": [{"id": a, "values": [{"name": "Katun"}]}
                               for a in sorted(sim.categories[sim.DEFAULT_CATEGORY]["required_attributes"])],
    }).json()


def size(value, name="Ukuran"):
    return [{"name": name, "value_name": value}]


@pytest.mark.parametrize("attributes, why", [
    ([size("S"), []], "a SKU without sales attributes"),
    ([size("S"), size("S")], "two SKUs alike"),
    ([size("S"), size("M", name="Warna")], "different attribute types"),
    ([size("S") * 4, size("M") * 4], "four attribute types (at most three)"),
    ([size("S" * 51), size("M")], "a value over 50 characters"),
    ([size("S", name="U" * 21), size("M", name="U" * 21)], "a name over 20 characters"),
])
def test_tiktok_refuses_sales_attributes_outside_its_rules(tiktok, attributes, why):
    assert tiktok_create(tiktok, attributes)["code"] == 12019019, why


def test_tiktok_skus_with_sales_attributes_are_ordered_one_by_one(tiktok):
    sim, shop = tiktok
    created = tiktok_create(tiktok, [size("S"), size("M"), size("L")])
    assert created["code"] == 0, created
    medium = created["data"]["skus"][1]["id"]
    order_id = sim.create_order(shop["cipher"], [{"sku_id": medium, "quantity": 1}])
    line = sim.orders[order_id]["line_items"][0]
    assert (line["sku_id"], line["seller_sku"], line["sku_name"]) == (medium, "K-1", "Ukuran: M")
    assert [s["quantity"] for s in sim.products[created["data"]["product_id"]]["skus"]] == [3, 2, 3]


# --------------------------------------------------------------------------- Lazada


@pytest.fixture
def lazada():
    clock = lazada_wire.Clock()
    sim = LazadaSimulator(app_key=lazada_wire.APP_KEY, app_secret=lazada_wire.APP_SECRET, now=clock, ban_seconds=0.2)
    sim.start(host="127.0.0.1", port=0)
    sim.clock = clock
    sim.seller = sim.add_seller(lazada_wire.SELLER_ID)
    yield sim
    sim.stop()


def lazada_payload(sim, sale_props, variation=True):
    payload = lazada_wire.product_payload(sim)
    product = payload["Request"]["Product"]
    first = product["Skus"]["Sku"][0]
    product["Skus"]["Sku"] = [{**copy.deepcopy(first), "SellerSku": f"K-{i}", "saleProp": prop}
                              for i, prop in enumerate(sale_props)]
    if variation:
        product["Variation"] = {"Variation1": {"name": "Ukuran", "hasImage": False, "customize": True,
                                               "options": {"option": ["S", "M", "L"]}}}
    return payload


@pytest.mark.parametrize("sale_props, variation, code", [
    ([{"Ukuran": "S"}, {"Ukuran": "M"}], False, "4133"),  # several SKUs, no Variation
    ([{"Ukuran": "S"}, {}], True, "4144"),  # a SKU without saleProp
    ([{"Ukuran": "S"}, {"Ukuran": "XL"}], True, "4143"),  # an option the Variation does not declare
    ([{"Ukuran": "S"}, {"Ukuran": "S"}], True, "4133"),  # two SKUs alike
])
def test_lazada_refuses_variations_outside_its_rules(lazada, sale_props, variation, code):
    answer = lazada_wire.call(lazada, "POST", "/product/create",
                              {"payload": json.dumps(lazada_payload(lazada, sale_props, variation))})
    assert answer["code"] == code, answer
    assert not lazada.products


def test_lazada_skus_with_sale_props_are_ordered_one_by_one(lazada):
    payload = lazada_payload(lazada, [{"Ukuran": "S"}, {"Ukuran": "M"}, {"Ukuran": "L"}])
    answer = lazada_wire.call(lazada, "POST", "/product/create", {"payload": json.dumps(payload)})
    assert answer["code"] == "0", answer
    assert len(answer["data"]["sku_list"]) == 3

    lazada.create_order([{"seller_sku": "K-1", "quantity": 2}])

    assert [lazada.sku_state(f"K-{i}")["sellable"] for i in range(3)] == [3, 1, 3]
