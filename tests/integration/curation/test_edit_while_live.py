"""Edit while live: an artisan's edit of an approved product waits for curation while the
approved version stays live and listed; approving applies it at once and pushes it once.
Against the Shopee simulator over real HTTP."""
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace_sync import tasks
from marketplace_sync.models import Listing
from marketplace_sync.services.channels import channel_update
from marketplace_sync.services.listings import listings_push
from shop.curation import services
from shop.curation.models import ProductRevision
from tests.fixtures.shopee import listed_product, png_bytes

from .conftest import form_data, form_errors, stock_prefix

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db


@pytest.fixture
def live(people, channel):
    product = listed_product(title="Kain Gentongan Biru", artisan=people["siti_shop"], price=Decimal("800000"),
                             num_in_stock=4, categories=[people["craft"]])
    result = listings_push(channel=channel)
    assert result.created == 1, result.errors
    return product


@pytest.fixture
def push_count(monkeypatch):
    """Counts listing-push tasks enqueued, and still runs them (eagerly)."""
    calls = []
    original = tasks.push_product.delay

    def counting(product_id):
        calls.append(product_id)
        return original(product_id)

    monkeypatch.setattr(tasks.push_product, "delay", counting)
    return calls


def remote_item(sim, product):
    return sim.items[int(Listing.objects.get(product=product).remote_item_id)]


def test_live_version_stays_until_approval_then_is_pushed_once(
        client, people, sim, channel, live, celery_eager, push_count, django_capture_on_commit_callbacks):
    client.force_login(people["siti"])
    page = client.get(reverse("dashboard:catalogue-product", kwargs={"pk": live.pk}))
    prefix = stock_prefix(page)
    data = form_data(page, title="Kain Gentongan Biru Tua", story_en="A deeper blue, dyed twice.",
                     action="save", **{f"{prefix}-0-price": "950000", f"{prefix}-0-num_in_stock": "7",
                                       "images-1-original": SimpleUploadedFile("baru.png", png_bytes((10, 20, 200)))})
    sim.reset_calls()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dashboard:catalogue-product", kwargs={"pk": live.pk}), data)
    assert response.status_code == 302, form_errors(response)

    live.refresh_from_db()
    record = live.stockrecords.get()
    assert (live.title, live.curation_state, live.is_public) == ("Kain Gentongan Biru", Product.APPROVED, True)
    assert record.price == Decimal("800000")
    assert record.num_in_stock == 7  # stock needs no curation
    assert live.images.count() == 1
    revision = ProductRevision.objects.get(product=live, status=ProductRevision.PENDING)
    assert revision.proposed["title"] == "Kain Gentongan Biru Tua"
    assert Decimal(revision.proposed["price"]) == Decimal("950000")
    assert revision.images.count() == 1
    assert push_count == []  # nothing of the product changed yet
    item = remote_item(sim, live)
    assert item["item_name"] == "Kain Gentongan Biru"
    assert item["stock"] == 7  # the stock push went out
    # The storefront still shows the approved version.
    assert "Kain Gentongan Biru Tua" not in client.get(live.get_absolute_url()).content.decode()

    # The curator sees it in the queue with the live version beside it.
    client.force_login(people["curator"])
    queue = client.get(reverse("dashboard:curation-queue"))
    assert [p.pk for p in queue.context["items"]] == [live.pk]
    review = client.get(reverse("dashboard:curation-review", kwargs={"pk": live.pk}))
    rows = [(live_value, proposed) for _label, live_value, proposed in review.context["comparison"]]
    assert ("Kain Gentongan Biru", "Kain Gentongan Biru Tua") in rows

    sim.reset_calls()
    with django_capture_on_commit_callbacks(execute=True):
        services.product_approve(product=live, user=people["curator"], export_ready=False)

    live.refresh_from_db()
    assert live.title == "Kain Gentongan Biru Tua"
    assert live.story_en == "A deeper blue, dyed twice."
    assert live.stockrecords.get().price == Decimal("950000")
    assert live.images.count() == 2
    assert push_count == [live.pk]  # one listing push
    assert sim.count_calls("/api/v2/product/update_item") == 1
    item = remote_item(sim, live)
    assert item["item_name"] == "Kain Gentongan Biru Tua"
    assert len(item["image_id_list"]) == 2
    revision.refresh_from_db()
    assert revision.status == ProductRevision.APPROVED


def test_a_rejected_edit_leaves_the_live_version(people, live, celery_eager, django_capture_on_commit_callbacks):
    revision = services.product_revision_propose(product=live, user=people["siti"], stockrecord=None,
                                                 changes={"title": "Judul Lain"})
    with django_capture_on_commit_callbacks(execute=True):
        services.product_reject(product=live, user=people["curator"], note="Judul tidak sesuai motif.")
    live.refresh_from_db()
    revision.refresh_from_db()
    assert (live.title, live.curation_state) == ("Kain Gentongan Biru", Product.APPROVED)
    assert revision.status == ProductRevision.REJECTED


def test_export_ready_only_channel_lists_and_delists_by_level(people, sim, channel, live, celery_eager,
                                                              django_capture_on_commit_callbacks):
    channel_update(channel=channel, export_ready_only=True)
    listings_push(channel=channel)
    assert Listing.objects.get(product=live).status == Listing.DELISTED

    with django_capture_on_commit_callbacks(execute=True):
        services.product_approve(product=live, user=people["curator"], export_ready=True)
    assert Listing.objects.get(product=live).status == Listing.LISTED
    assert remote_item(sim, live)["item_status"] == "NORMAL"

    with django_capture_on_commit_callbacks(execute=True):
        services.product_approve(product=live, user=people["curator"], export_ready=False)
    listing = Listing.objects.get(product=live)
    assert listing.status == Listing.DELISTED
    assert "export ready" in listing.status_reason


def test_archiving_delists(people, sim, channel, live, celery_eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.product_archive(product=live, user=people["siti"])
    assert Listing.objects.get(product=live).status == Listing.DELISTED


def test_channel_command_sets_export_ready_only(sim):
    import json

    from django.core.management import call_command

    from marketplace_sync.models import Channel
    from tests.fixtures.shopee import SHOPEE_OPTIONS, credentials_for

    call_command("marketplace_channel", "add", "shopee-ekspor", "--kind", "shopee", "--api-base", sim.base_url,
                 "--credentials", json.dumps(credentials_for(sim)), "--options", json.dumps(SHOPEE_OPTIONS),
                 "--export-ready-only")
    assert Channel.objects.get(code="shopee-ekspor").export_ready_only
