"""A piece sold in sizes: one page, the buyer picks the variant; children share the parent's curation."""
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from marketplace_sync.models import Channel
from marketplace_sync.services.rules import product_listability
from tests.fixtures.shopee import listed_parent

Product = get_model("catalogue", "Product")
Line = get_model("basket", "Line")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian():
    translation.activate("id")
    yield
    translation.deactivate()


def test_the_product_page_lets_the_buyer_choose_a_size_and_buy_it(client):
    parent, (small, medium, large) = listed_parent(options=("S", "M", "L"), stock=[2, 0, 1],
                                                   title="Kemeja Batik Kawung")

    page = client.get(parent.get_absolute_url())

    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="child_id"' in html and "gk-product" in html  # the gallery's page, with a variant choice
    for child in (small, medium, large):
        assert f'value="{child.pk}"' in html
    client.post(reverse("basket:add", kwargs={"pk": parent.pk}), {"child_id": large.pk, "quantity": 1})
    assert list(Line.objects.values_list("product_id", "stockrecord__partner_sku")) == [
        (large.pk, large.stockrecords.get().partner_sku)]


def test_children_follow_their_parents_curation_everywhere():
    parent, children = listed_parent()
    assert all(child.is_approved and child.is_public for child in children)

    parent.curation_state = Product.REJECTED
    parent.save()

    for child in Product.objects.filter(parent=parent):
        assert (child.curation_state, child.is_public, child.is_approved) == (Product.REJECTED, False, False)
    channel = Channel(kind="shopee", code="x", stock_buffer=0, markup_percent=Decimal(0), price_rounding=100)
    assert product_listability(channel=channel, product=parent) == (False, "not approved by curators")
    assert product_listability(channel=channel, product=children[0]) == (False, "not approved by curators")


def test_an_unapproved_parents_variant_cannot_be_bought(client):
    parent, (small, *_) = listed_parent(curation_state=Product.SUBMITTED)

    client.post(reverse("basket:add", kwargs={"pk": parent.pk}), {"child_id": small.pk, "quantity": 1})

    assert not Line.objects.exists()
