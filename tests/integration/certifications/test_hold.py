"""A product whose craft requires a certification it lacks is held: off the storefront, refused by the basket."""
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from shop.certifications.services import (
    certification_approve,
    certification_reject,
    certification_submit,
    products_certification_hold_refresh,
    requirement_create,
    requirement_delete,
)
from shop.gallery import selectors as gallery
from tests.factories import CertificationFactory, CraftCategoryFactory, ProductFactory

from .conftest import days, food_product, pdf_upload

Product = get_model("catalogue", "Product")
Certification = get_model("catalogue", "Certification")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


def test_a_food_product_without_halal_is_held_and_a_batik_without_any_is_not(kuliner, artisans):
    batik = ProductFactory(categories=[CraftCategoryFactory(name="Batik Tulis")])
    keripik = ProductFactory(categories=[kuliner], artisan=artisans["sanan"])
    CertificationFactory(product=keripik, kind=Certification.PIRT)
    keripik.refresh_from_db()
    batik.refresh_from_db()
    assert keripik.certification_held and not keripik.is_public
    assert not batik.certification_held and batik.is_public


def test_a_sub_category_inherits_its_crafts_requirements(kuliner, artisans):
    sambal = CraftCategoryFactory(name="Sambal", parent=kuliner)
    product = ProductFactory(categories=[sambal])
    product.refresh_from_db()
    assert product.certification_held


def test_a_held_product_leaves_every_storefront_query_and_page(client, kuliner, artisans):
    product, halal, _pirt = food_product(category=kuliner, artisan=artisans["sanan"], halal_expiry=-1)
    products_certification_hold_refresh()
    product.refresh_from_db()
    assert product.certification_held

    assert product not in Product.objects.browsable()
    assert product not in Product.objects.public()
    assert product not in gallery.product_list()
    assert product not in gallery.product_list(artisan=artisans["sanan"])
    assert product not in gallery.product_search(query=product.title.split()[0])
    assert not gallery.craft_categories(with_products_only=True).filter(pk=kuliner.pk).exists()
    assert client.get(product.get_absolute_url()).status_code == 404
    assert client.get(kuliner.get_absolute_url()).status_code == 200
    assert product.title not in client.get(kuliner.get_absolute_url()).content.decode()

    strategy = Selector().strategy()
    info = strategy.fetch_for_product(product)
    assert not info.availability.is_available_to_buy
    allowed, _reason = info.availability.is_purchase_permitted(1)
    assert not allowed
    assert info.availability.code == "certification-held"
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert response.status_code in (302, 404)
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 0


def test_a_pending_renewal_does_not_count_and_its_approval_releases(kuliner, artisans, curator):
    product, halal, _pirt = food_product(category=kuliner, artisan=artisans["sanan"], halal_expiry=-1)
    products_certification_hold_refresh()
    renewal = certification_submit(product=product, data={
        "kind": Certification.HALAL, "number": "ID35110000123459999", "issuer": "BPJPH",
        "expiry_date": days(700), "scan": pdf_upload()})
    product.refresh_from_db()
    assert renewal.review_status == Certification.PENDING
    assert product.certification_held

    certification_approve(certification=renewal, curator=curator)

    product.refresh_from_db()
    renewal.refresh_from_db()
    assert not product.certification_held and product.is_public
    assert (renewal.reviewed_by, renewal.review_status) == (curator, Certification.APPROVED)
    assert renewal.date_reviewed is not None
    assert product in gallery.product_list()


def test_rejecting_the_only_certificate_holds_the_product(kuliner, artisans, curator):
    product, halal, _pirt = food_product(category=kuliner, artisan=artisans["sanan"])
    assert not product.certification_held
    certification_reject(certification=halal, curator=curator, reason="Nomor tidak terbaca")
    product.refresh_from_db()
    halal.refresh_from_db()
    assert product.certification_held
    assert halal.review_note == "Nomor tidak terbaca"
    with pytest.raises(ValueError):
        certification_reject(certification=halal, curator=curator, reason="  ")


def test_an_approved_certificate_is_renewed_not_edited(kuliner, artisans):
    _product, halal, _pirt = food_product(category=kuliner, artisan=artisans["sanan"])
    with pytest.raises(ValueError):
        certification_submit(product=halal.product, certification=halal, data={"number": "X"})


def test_requirements_added_and_removed_hold_and_release_at_once(artisans):
    tenun = CraftCategoryFactory(name="Tenun")
    product = ProductFactory(categories=[tenun], price=Decimal("450000"))
    requirement = requirement_create(category=tenun, kind=Certification.INDIKASI_GEOGRAFIS)
    product.refresh_from_db()
    assert product.certification_held
    requirement_delete(requirement=requirement)
    product.refresh_from_db()
    assert not product.certification_held and product.is_public


def test_moving_a_product_into_a_craft_that_requires_certificates_holds_it(kuliner):
    product = ProductFactory(categories=[CraftCategoryFactory(name="Anyaman")])
    product.categories.add(kuliner)
    product.refresh_from_db()
    assert product.certification_held
    product.categories.remove(kuliner)
    product.refresh_from_db()
    assert not product.certification_held


def test_the_hold_refresh_for_the_whole_catalogue_costs_a_fixed_number_of_queries(
        kuliner, artisans, django_assert_max_num_queries):
    for _ in range(5):
        food_product(category=kuliner, artisan=artisans["sanan"])
    with django_assert_max_num_queries(8):
        assert products_certification_hold_refresh() == []
