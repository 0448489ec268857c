"""Expiry takes a product off the storefront and the Shopee simulator; an approved renewal brings it back."""
import pytest
from oscar.core.loading import get_model

from marketplace_sync.models import Listing
from marketplace_sync.services.listings import listings_push
from shop.certifications.services import certification_approve, certification_submit, certifications_daily_run
from shop.certifications.tasks import certifications_daily

from .conftest import days, food_product, pdf_upload

Product = get_model("catalogue", "Product")
Certification = get_model("catalogue", "Certification")

pytestmark = pytest.mark.django_db


def remote_item(sim, product):
    listing = Listing.objects.get(product=product)
    return listing, sim.items[int(listing.remote_item_id)]


def test_expiry_delists_and_an_approved_renewal_relists_on_shopee(
        client, sim, channel, celery_eager, django_capture_on_commit_callbacks, kuliner, artisans, curator):
    product, halal, _pirt = food_product(category=kuliner, artisan=artisans["sanan"], num_in_stock=12)
    other, *_ = food_product(category=kuliner, artisan=artisans["pesisir"])
    listings_push(channel=channel)
    listing, item = remote_item(sim, product)
    assert listing.status == Listing.LISTED and item["item_status"] == "NORMAL" and item["stock"] == 12

    # Its expiry date passes (moved, not the clock, so every refresh agrees on
    # "today"): the daily task holds the product, and the product's save
    # enqueues the push that takes it down.
    Certification.objects.filter(pk=halal.pk).update(expiry_date=days(-1))
    with django_capture_on_commit_callbacks(execute=True):
        result = certifications_daily_run()
    assert result.held == [product.pk]

    product.refresh_from_db()
    assert product.certification_held and not product.is_public
    listing, item = remote_item(sim, product)
    assert listing.status == Listing.DELISTED
    assert item["item_status"] == "UNLIST" and item["stock"] == 0
    assert "held" in listing.status_reason
    assert remote_item(sim, other)[0].status == Listing.LISTED  # the other artisan's product stays
    assert client.get(product.get_absolute_url()).status_code == 404

    # A second run changes nothing and calls the marketplace for nothing.
    sim.reset_calls()
    with django_capture_on_commit_callbacks(execute=True):
        again = certifications_daily_run()
    assert again.held == [] and again.emails == 0
    assert listings_push(channel=channel).updated == 0
    assert sim.count_calls(write_only=True) == 0

    # The artisan uploads the renewal: pending, still held, still delisted.
    with django_capture_on_commit_callbacks(execute=True):
        renewal = certification_submit(product=product, data={
            "kind": Certification.HALAL, "number": "ID35110000123450999", "issuer": "BPJPH",
            "expiry_date": days(730), "scan": pdf_upload()})
    assert remote_item(sim, product)[1]["item_status"] == "UNLIST"

    # A curator approves it: released, visible, relisted with its stock.
    with django_capture_on_commit_callbacks(execute=True):
        certification_approve(certification=renewal, curator=curator)
    product.refresh_from_db()
    assert not product.certification_held and product.is_public
    listing, item = remote_item(sim, product)
    assert listing.status == Listing.LISTED
    assert item["item_status"] == "NORMAL" and item["stock"] == 12
    assert client.get(product.get_absolute_url()).status_code == 200


def test_the_beat_task_runs_the_daily_service(kuliner, artisans, celery_eager):
    product, _halal, pirt = food_product(category=kuliner, artisan=artisans["sanan"])
    Certification.objects.filter(pk=pirt.pk).update(expiry_date=days(-1))
    outcome = certifications_daily.delay().get()
    assert outcome["held"] == [product.pk] and outcome["expired_notices"] == 1
    again = certifications_daily.delay().get()
    assert again["held"] == [] and again["emails"] == 0
