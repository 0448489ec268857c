"""Listing push and stock against the Shopee simulator over real HTTP."""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace_sync.models import Listing, SyncRun
from marketplace_sync.services.channels import channel_update
from marketplace_sync.services.listings import listings_push
from marketplace_sync.services.stock import listing_stock_explanation, stock_push, stock_reconcile
from shop.certifications.models import CraftCertificationRequirement
from tests.factories import CertificationFactory, CraftCategoryFactory

from .conftest import listed_product

Product = get_model("catalogue", "Product")
WRITE = dict(write_only=True)

pytestmark = pytest.mark.django_db


def test_first_push_creates_items_with_rule_price_and_stock(sim, channel):
    channel.markup_percent = Decimal("10")
    channel.price_rounding = 1000
    channel.stock_buffer = 1
    channel.save()
    product = listed_product(price=Decimal("1234500"), num_in_stock=5)

    result = listings_push(channel=channel)

    assert (result.created, result.failed, result.channel_failed) == (1, 0, False), result.errors
    listing = Listing.objects.get(channel=channel, product=product)
    item = sim.items[int(listing.remote_item_id)]
    # 1.234.500 * 1.10 = 1.357.950 -> rounded UP to 1.358.000
    assert item["original_price"] == 1358000
    assert item["stock"] == 4  # 5 in stock - 0 allocated - buffer 1
    assert item["item_sku"] == product.stockrecords.get().partner_sku
    assert len(item["image_id_list"]) == 1
    assert SyncRun.objects.get(pk=result.run_id).status == SyncRun.SUCCEEDED


def test_second_push_with_nothing_changed_makes_no_write_call(sim, channel):
    for _ in range(3):
        listed_product()
    assert listings_push(channel=channel).created == 3
    sim.reset_calls()

    again = listings_push(channel=channel)
    full = listings_push(channel=channel, full=True)

    assert sim.count_calls(write_only=True) == 0
    assert again.created == again.updated == again.failed == 0
    assert full.unchanged == 3


def test_only_the_changed_product_is_updated(sim, channel):
    changed, _same = listed_product(), listed_product()
    listings_push(channel=channel)
    sim.reset_calls()
    changed.title = "Batik Tulis Gentongan Merah"
    changed.save()

    result = listings_push(channel=channel)

    assert (result.updated, result.created) == (1, 0)
    item = sim.items[int(Listing.objects.get(product=changed).remote_item_id)]
    assert item["item_name"] == "Batik Tulis Gentongan Merah"
    assert sim.count_calls("/api/v2/media_space/upload_image") == 0  # image unchanged: not re-uploaded
    assert sim.count_calls("/api/v2/product/add_item") == 0


def test_unapproved_and_certification_held_products_are_delisted(sim, channel):
    food = CraftCategoryFactory(name="Kuliner")
    CraftCertificationRequirement.objects.create(category=food, kind="halal")
    rejected, expired, kept = listed_product(), listed_product(categories=[food]), listed_product()
    certificate = CertificationFactory(product=expired, kind="halal")
    listings_push(channel=channel)

    rejected.curation_state = Product.REJECTED
    rejected.save()
    certificate.expiry_date = timezone.localdate() - datetime.timedelta(days=1)
    certificate.save()
    result = listings_push(channel=channel)

    assert result.updated == 2, result.errors
    for product in (rejected, expired):
        listing = Listing.objects.get(product=product)
        assert listing.status == Listing.DELISTED
        item = sim.items[int(listing.remote_item_id)]
        assert item["item_status"] == "UNLIST" and item["stock"] == 0
    assert "held" in Listing.objects.get(product=expired).status_reason
    assert Listing.objects.get(product=kept).status == Listing.LISTED
    sim.reset_calls()
    assert listings_push(channel=channel).updated == 0
    assert sim.count_calls(write_only=True) == 0


def test_never_approved_product_is_not_listed(sim, channel):
    listed_product(curation_state=Product.SUBMITTED)
    result = listings_push(channel=channel, full=True)
    assert result.created == 0 and not sim.items


def test_partner_scoped_channel_lists_only_that_artisans_products(sim, db):
    from .conftest import make_channel

    mine, theirs = listed_product(), listed_product()
    artisan = mine.stockrecords.get().partner
    channel = make_channel(sim, code="shopee-artisan", partner=artisan)
    result = listings_push(channel=channel)
    assert result.created == 1
    assert Listing.objects.filter(channel=channel).get().product == mine
    assert not Listing.objects.filter(product=theirs).exists()


def test_stock_push_sends_only_changes_and_explains_the_number(sim, channel):
    channel.stock_buffer = 2
    channel.save()
    product = listed_product(num_in_stock=10)
    listings_push(channel=channel)
    record = product.stockrecords.get()
    record.num_allocated = 3
    record.save()
    sim.reset_calls()

    result = stock_push(channel=channel)
    assert result.updated == 1
    listing = Listing.objects.get(product=product)
    assert sim.items[int(listing.remote_item_id)]["stock"] == 5  # 10 - 3 - 2
    explanation = listing_stock_explanation(listing=listing)
    assert (explanation.num_in_stock, explanation.num_allocated, explanation.buffer, explanation.available) == \
        (10, 3, 2, 5)
    assert explanation.in_sync

    sim.reset_calls()
    assert stock_push(channel=channel).unchanged == 1
    assert sim.count_calls(write_only=True) == 0


def test_available_never_below_zero(sim, channel):
    channel.stock_buffer = 5
    channel.save()
    product = listed_product(num_in_stock=2)
    listings_push(channel=channel)
    listing = Listing.objects.get(product=product)
    assert sim.items[int(listing.remote_item_id)]["stock"] == 0
    assert listing_stock_explanation(listing=listing).available == 0


def test_reconcile_fixes_remote_drift(sim, channel):
    product = listed_product(num_in_stock=7)
    listings_push(channel=channel)
    listing = Listing.objects.get(product=product)
    # Someone edits stock in Seller Centre: the remote count drifts.
    with sim._lock:
        sim._items[int(listing.remote_item_id)]["stock"] = 42

    result = stock_reconcile(channel=channel)

    assert result.updated == 1
    assert sim.items[int(listing.remote_item_id)]["stock"] == 7
    assert stock_reconcile(channel=channel).unchanged == 1


def test_a_new_markup_sends_prices_only(sim, channel):
    products = [listed_product(price=Decimal("150000")) for _ in range(2)]
    listings_push(channel=channel)
    sim.reset_calls()
    channel.markup_percent = Decimal("20")
    channel.price_rounding = 500
    channel.save()

    result = listings_push(channel=channel)

    assert (result.updated, result.failed) == (2, 0), result.errors
    assert sim.count_calls(write_only=True) == 2
    assert sim.count_calls(path="/api/v2/product/update_price") == 2
    assert sim.count_calls(path="/api/v2/product/update_item") == 0
    for product in products:
        listing = Listing.objects.get(channel=channel, product=product)
        assert sim.items[int(listing.remote_item_id)]["original_price"] == 180000
        assert listing.pushed_price == Decimal("180000")
    sim.reset_calls()
    listings_push(channel=channel)
    assert sim.count_calls(write_only=True) == 0


def test_without_channel_attributes_the_material_is_sent_as_the_mandatory_attribute(sim, channel):
    channel_update(channel=channel, options={"category_id": 100001, "logistic_ids": [8003]})
    product = listed_product(materials="Katun primisima, pewarna alam")

    assert listings_push(channel=channel).created == 1

    item = sim.items[int(Listing.objects.get(product=product).remote_item_id)]
    assert item["attribute_list"] == [{"attribute_id": 100134, "attribute_value_list": [
        {"value_id": 0, "original_value_name": "Katun primisima, pewarna alam"}]}]
