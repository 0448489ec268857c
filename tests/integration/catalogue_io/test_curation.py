"""Imported products enter curation as submitted; edits of live products follow the revision rule."""
import pytest
from oscar.core.loading import get_model

from shop.curation.models import CurationDecision, ProductRevision
from shop.curation.selectors import curation_queue
from tests.factories import ProductFactory

from .conftest import csv_file, good_row, images_zip

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Certification = get_model("catalogue", "Certification")

pytestmark = pytest.mark.django_db


def test_new_products_are_submitted_and_in_the_queue(shop, checked, imported):
    upload = csv_file([good_row(sku="S-1", images="foto/s1.jpg"), good_row(sku="S-2", title="Tenun Ikat",
                                                                           craft="Tenun", images="s2.jpg")])
    product_import = imported(checked(shop["admin"], upload, images_zip(["foto/s1.jpg", "s2.jpg"])), shop["admin"])

    products = list(Product.objects.order_by("title"))
    assert [p.curation_state for p in products] == [Product.SUBMITTED, Product.SUBMITTED]
    assert not any(p.is_public for p in products)
    assert set(curation_queue()) == set(products)
    first = StockRecord.objects.get(partner_sku="S-1")
    product = first.product
    assert first.partner == shop["siti"] and first.price == 1250000 and first.num_in_stock == 3
    assert product.region == shop["bangkalan"] and list(product.categories.all()) == [shop["batik"]]
    assert (product.weight_grams, product.length_cm, product.width_cm, product.height_cm) == (400, 30, 20, 4)
    assert product.is_one_of_a_kind and product.story_en == "Soaked in jars for months."
    assert product.images.count() == 1
    certificate = product.certifications.get()
    assert (certificate.kind, certificate.number, str(certificate.expiry_date), certificate.review_status) == (
        "batikmark", "BM-001", "2027-06-30", Certification.PENDING)
    decision = product.curation_decisions.get()
    assert (decision.action, decision.from_state, decision.to_state, decision.user) == (
        CurationDecision.SUBMIT, Product.DRAFT, Product.SUBMITTED, shop["admin"])
    assert product_import.rows.get(row_number=2).outcome == [
        {"code": "created"}, {"code": "certificates_added", "params": {"count": 1}}, {"code": "submitted"}]


def test_a_curator_may_approve_new_products_explicitly(shop, checked, imported, mailoutbox):
    upload = csv_file([good_row(sku="A-1", images="a1.jpg"), good_row(sku="A-2", title="Tanpa Foto")])
    imported(checked(shop["curator"], upload, images_zip(["a1.jpg"])), shop["curator"], approve=True)

    with_photo = StockRecord.objects.get(partner_sku="A-1").product
    assert with_photo.curation_state == Product.APPROVED and with_photo.is_public
    assert list(with_photo.curation_decisions.values_list("action", flat=True)) == ["approve", "submit"]
    # The approval checks still apply: no photo, no approval; it waits in the queue.
    without = StockRecord.objects.get(partner_sku="A-2").product
    assert without.curation_state == Product.SUBMITTED
    assert set(curation_queue()) == {without}


def test_an_artisan_or_an_unticked_box_never_approves(shop, checked, imported):
    product_import = checked(shop["curator"], csv_file([good_row(images="")]))
    imported(product_import, shop["curator"], approve=False)
    assert Product.objects.get().curation_state == Product.SUBMITTED


@pytest.fixture
def live(shop):
    product = ProductFactory(title="Batik Lama", artisan=shop["siti"], region=shop["bangkalan"],
                             categories=[shop["batik"]], price=1000000, num_in_stock=2)
    record = product.stockrecords.get()
    record.partner_sku = "LIVE-1"
    record.save()
    return product


def live_row(live, **overrides):
    values = dict(sku="LIVE-1", title=live.title, materials=live.materials, materials_en=live.materials_en,
                  technique=live.technique, technique_en=live.technique_en, story=live.story,
                  story_en=live.story_en, certifications="", weight_grams=500, length_cm=30, width_cm=20,
                  height_cm=5, price=1000000, stock=2, export_ready="tidak", one_of_a_kind="tidak")
    values.update(overrides)
    return good_row(**values)


def test_changes_to_a_live_product_wait_as_a_revision(shop, checked, imported, live):
    upload = csv_file([live_row(live, title="Batik Baru", price=1100000, stock=7)])
    product_import = checked(shop["curator"], upload)
    row = product_import.rows.get()
    assert row.action == "update"
    assert {c["column"] for c in row.changes} == {"title", "price", "stock"}
    imported(product_import, shop["curator"])

    live.refresh_from_db()
    record = live.stockrecords.get()
    assert live.title == "Batik Lama" and live.curation_state == Product.APPROVED and live.is_public
    assert record.price == 1000000 and record.num_in_stock == 7  # stock applies at once
    revision = live.revisions.get(status=ProductRevision.PENDING)
    assert revision.proposed == {"title": "Batik Baru", "price": "1100000"}
    assert live in curation_queue()


def test_a_curator_choosing_to_approve_applies_live_edits_as_their_own(shop, checked, imported, live):
    imported(checked(shop["curator"], csv_file([live_row(live, title="Batik Baru", price=1100000)])),
             shop["curator"], approve=True)
    live.refresh_from_db()
    assert live.title == "Batik Baru" and live.stockrecords.get().price == 1100000
    assert not live.revisions.exists()
    assert live.curation_decisions.get().action == CurationDecision.EDIT


def test_a_sent_back_product_is_submitted_again(shop, checked, imported, live):
    Product.objects.filter(pk=live.pk).update(curation_state=Product.CHANGES_REQUESTED)
    imported(checked(shop["curator"], csv_file([live_row(live, story="Cerita yang diperbaiki.")])), shop["curator"])
    live.refresh_from_db()
    assert live.story == "Cerita yang diperbaiki." and live.curation_state == Product.SUBMITTED
