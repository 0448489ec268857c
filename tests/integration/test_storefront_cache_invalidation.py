"""The storefront's cached summaries (shop/gallery/summaries.py) never show a
catalogue older than the last committed change (issue #10).

These tests commit for real (``transaction=True``) with the storefront cache
on, warm every page first, change one thing, and look at the very next request.
"""
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.urls import reverse
from oscar.core.loading import get_model

from shop.gallery.models import CatalogueVersion
from tests.factories import ArtisanFactory, CraftCategoryFactory, ProductFactory, RegionFactory

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def storefront_cache(storefront_cache_on):
    yield


@pytest.fixture
def gallery():
    region = RegionFactory(name="Lamongan", slug="lamongan")
    tenun = CraftCategoryFactory(name="Tenun")
    gerabah = CraftCategoryFactory(name="Gerabah")
    artisan = ArtisanFactory(slug="tenun-parengan", region=region)
    piece = ProductFactory(title="Sarung Tenun Ikat Parengan", categories=[tenun], region=region, artisan=artisan,
                           price=Decimal("450000"), num_in_stock=3, is_one_of_a_kind=True)
    other = ProductFactory(title="Kendi Gerabah", categories=[gerabah], price=Decimal("85000"))
    return {"region": region, "tenun": tenun, "gerabah": gerabah, "artisan": artisan, "piece": piece,
            "other": other}


def _urls(g):
    return {
        "home": reverse("gallery:home"),
        "all": reverse("catalogue:index"),
        "tenun": g["tenun"].get_absolute_url(),
        "region": reverse("gallery:region", kwargs={"slug": "lamongan"}),
        "artisan": reverse("gallery:artisan", kwargs={"slug": "tenun-parengan"}),
        "product": g["piece"].get_absolute_url(),
    }


def _text(response):
    return response.content.decode().replace("\u00a0", " ")


def _warm(client, g):
    for url in _urls(g).values():
        assert client.get(url).status_code == 200


def _nav_craft_names(client):
    return [craft.name for craft in client.get(reverse("gallery:home")).context["nav_crafts"]]


def _nav_region_names(client):
    return [region.name for region in client.get(reverse("gallery:home")).context["nav_regions"]]


def _listed(client, url):
    response = client.get(url)
    return [p.title for p in response.context["products"]], response.context["paginator"].count


def test_a_warm_cache_is_used(client, gallery):
    _warm(client, gallery)
    token = CatalogueVersion.objects.get(pk=1).token
    _warm(client, gallery)
    assert CatalogueVersion.objects.get(pk=1).token == token  # reading never invalidates
    assert any(key for key in caches["storefront"]._cache)  # something was cached


def test_rejecting_a_piece_takes_it_off_nav_lists_and_its_page_at_once(client, gallery):
    _warm(client, gallery)
    assert "Tenun" in _nav_craft_names(client) and "Lamongan" in _nav_region_names(client)

    piece = gallery["piece"]
    piece.curation_state = Product.REJECTED
    piece.save()

    assert "Tenun" not in _nav_craft_names(client)
    assert "Lamongan" not in _nav_region_names(client)
    assert _listed(client, reverse("catalogue:index")) == (["Kendi Gerabah"], 1)
    assert _listed(client, gallery["tenun"].get_absolute_url()) == ([], 0)
    assert _listed(client, reverse("gallery:region", kwargs={"slug": "lamongan"})) == ([], 0)
    artisan_page = client.get(reverse("gallery:artisan", kwargs={"slug": "tenun-parengan"}))
    assert artisan_page.context["curated_count"] == 0 and artisan_page.context["paginator"].count == 0
    assert client.get(piece.get_absolute_url()).status_code == 404


def test_a_certification_hold_takes_it_off_at_once(client, gallery):
    _warm(client, gallery)
    piece = gallery["piece"]
    piece.certification_held = True
    piece.save()
    assert "Tenun" not in _nav_craft_names(client)
    assert _listed(client, reverse("catalogue:index")) == (["Kendi Gerabah"], 1)


def test_approving_a_piece_puts_it_on_at_once(client, gallery):
    draft = ProductFactory(title="Guci Gerabah", categories=[gallery["gerabah"]], curation_state=Product.SUBMITTED)
    _warm(client, gallery)
    assert _listed(client, gallery["gerabah"].get_absolute_url()) == (["Kendi Gerabah"], 1)
    draft.curation_state = Product.APPROVED
    draft.save()
    assert _listed(client, gallery["gerabah"].get_absolute_url()) == (["Guci Gerabah", "Kendi Gerabah"], 2)
    crafts = {craft.name: craft.num_products for craft in client.get(reverse("gallery:crafts")).context["crafts"]}
    assert crafts == {"Tenun": 1, "Gerabah": 2}


def test_moving_a_piece_between_crafts_shows_on_the_next_request(client, gallery):
    _warm(client, gallery)
    piece = gallery["piece"]
    piece.categories.remove(gallery["tenun"])
    assert "Tenun" not in _nav_craft_names(client)
    assert _listed(client, gallery["tenun"].get_absolute_url()) == ([], 0)
    piece.categories.add(gallery["gerabah"])
    titles, count = _listed(client, gallery["gerabah"].get_absolute_url())
    assert sorted(titles) == ["Kendi Gerabah", "Sarung Tenun Ikat Parengan"] and count == 2


def test_a_price_change_shows_on_the_next_request(client, gallery):
    _warm(client, gallery)
    record = gallery["piece"].stockrecords.get()
    record.price = Decimal("475000")
    record.save()
    for url in (_urls(gallery)["product"], _urls(gallery)["tenun"], _urls(gallery)["artisan"]):
        text = _text(client.get(url))
        assert "Rp 475.000" in text and "Rp 450.000" not in text
    # A curator's approved revision writes the price with a queryset update: no signal, still current.
    StockRecord.objects.filter(pk=record.pk).update(price=Decimal("490000"))
    assert "Rp 490.000" in _text(client.get(_urls(gallery)["product"]))
    assert "Rp 490.000" in _text(client.get(_urls(gallery)["tenun"]))


def test_selling_out_a_single_piece_shows_on_the_next_request(client, gallery):
    _warm(client, gallery)
    assert gallery["piece"] in client.get(reverse("gallery:home")).context["one_of_a_kind_products"]
    assert 'class="gk-product__availability instock' in client.get(_urls(gallery)["product"]).content.decode()
    record = gallery["piece"].stockrecords.get()
    record.num_in_stock = 0
    record.save()
    assert gallery["piece"] not in client.get(reverse("gallery:home")).context["one_of_a_kind_products"]
    assert 'class="gk-product__availability instock' not in client.get(_urls(gallery)["product"]).content.decode()


def test_renaming_a_craft_and_a_new_region_show_at_once(client, gallery):
    _warm(client, gallery)
    tenun = gallery["tenun"]
    tenun.name = "Tenun Ikat"
    tenun.save()
    assert "Tenun Ikat" in _nav_craft_names(client)
    ProductFactory(title="Batik Gedog", region=RegionFactory(name="Tuban", slug="tuban"))
    assert "Tuban" in _nav_region_names(client)


def test_nav_and_index_counts_match_what_the_pages_list(client, gallery):
    ProductFactory(title="Tenun Kedua", categories=[gallery["tenun"]], region=gallery["region"])
    ProductFactory(title="Tenun Ditolak", categories=[gallery["tenun"]], region=gallery["region"],
                   curation_state=Product.REJECTED)
    held = ProductFactory(title="Tenun Ditahan", categories=[gallery["tenun"]], region=gallery["region"])
    held.certification_held = True
    held.save()
    _warm(client, gallery)
    for craft in client.get(reverse("gallery:crafts")).context["crafts"]:
        assert _listed(client, craft.get_absolute_url())[1] == craft.num_products
    for region in client.get(reverse("gallery:regions")).context["regions"]:
        assert _listed(client, region.get_absolute_url())[1] == region.num_products
    assert {region.name for region in client.get(reverse("gallery:home")).context["nav_regions"]} == {
        region.name for region in client.get(reverse("gallery:regions")).context["regions"] if region.num_products
    }


def test_a_rolled_back_change_keeps_the_version_and_one_transaction_bumps_it_once(gallery):
    token = CatalogueVersion.objects.get(pk=1).token
    with pytest.raises(RuntimeError), transaction.atomic():
        gallery["piece"].save()
        raise RuntimeError("rolled back")
    assert CatalogueVersion.objects.get(pk=1).token == token

    with transaction.atomic():
        gallery["piece"].save()
        gallery["other"].save()
        gallery["piece"].categories.add(gallery["gerabah"])
        seen = [func for _, func, _ in connection.run_on_commit if func.__name__ == "_new_version"]
    assert len(seen) == 1
    assert CatalogueVersion.objects.get(pk=1).token != token


def test_no_buyer_sees_another_buyers_basket(client, gallery):
    from django.test import Client

    other_buyer = Client()
    for buyer in (client, other_buyer):
        _warm(buyer, gallery)
    client.post(reverse("basket:add", kwargs={"pk": gallery["piece"].pk}), {"quantity": 2})

    mine = client.get(reverse("basket:summary"))
    theirs = other_buyer.get(reverse("basket:summary"))
    assert mine.context["basket"].num_items == 2 and theirs.context["basket"].num_items == 0
    for url in _urls(gallery).values():
        assert 'gk-basket__count">2<' in client.get(url).content.decode()
        assert "gk-basket__count" not in other_buyer.get(url).content.decode()
    assert "Sarung Tenun Ikat Parengan" not in theirs.content.decode()
