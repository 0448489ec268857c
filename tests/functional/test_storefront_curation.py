"""Curation gates the storefront: only approved products can be seen, listed,
found or bought by visitors; staff may still preview the rest."""
import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from tests.factories import ArtisanFactory, CraftCategoryFactory, ProductFactory, RegionFactory

Product = get_model("catalogue", "Product")
Line = get_model("basket", "Line")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian():
    # A previous test's /en/ request can leave English active in this thread;
    # reverse() in the test body must see the default language.
    with translation.override("id"):
        yield

NOT_APPROVED = [Product.DRAFT, Product.SUBMITTED, Product.REJECTED]


@pytest.fixture
def shelf():
    """One approved and one unapproved piece sharing craft, region and artisan."""
    region = RegionFactory(name="Pamekasan", slug="pamekasan")
    artisan = ArtisanFactory(name="Batik Sekar Jagad", slug="batik-sekar-jagad", region=region)
    craft = CraftCategoryFactory(name="Batik Tulis")
    approved = ProductFactory(
        title="Kain Sekar Jagad Terkurasi", categories=[craft], region=region, artisan=artisan
    )
    return {"region": region, "artisan": artisan, "craft": craft, "approved": approved}


def _hidden(shelf, state):
    return ProductFactory(
        title="Kain Rahasia Belum Dikurasi",
        materials="Katun rahasia",
        categories=[shelf["craft"]],
        region=shelf["region"],
        artisan=shelf["artisan"],
        curation_state=state,
    )


def _listing_urls(shelf):
    return [
        reverse("gallery:home"),
        reverse("catalogue:index"),
        shelf["craft"].get_absolute_url(),
        reverse("gallery:region", kwargs={"slug": shelf["region"].slug}),
        reverse("gallery:artisan", kwargs={"slug": shelf["artisan"].slug}),
        reverse("search:search") + "?q=Kain",
        reverse("search:search") + "?q=rahasia",
    ]


@pytest.mark.parametrize("state", NOT_APPROVED)
def test_unapproved_product_page_is_404_for_visitors_and_customers(client, django_user_model, shelf, state):
    hidden = _hidden(shelf, state)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    customer = django_user_model.objects.create_user(username="pembeli", email="pembeli@example.com", password="x")
    client.force_login(customer)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    # The approved sibling is reachable, so the 404 is the gate, not a broken URL.
    assert client.get(shelf["approved"].get_absolute_url()).status_code == 200


def test_staff_can_preview_an_unapproved_product(client, django_user_model, shelf):
    hidden = _hidden(shelf, Product.SUBMITTED)
    staff = django_user_model.objects.create_user(
        username="kurator", email="kurator@example.com", password="x", is_staff=True
    )
    client.force_login(staff)
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == 200
    assert "Kain Rahasia Belum Dikurasi" in response.content.decode()


def test_is_public_set_behind_curation_back_does_not_expose_a_draft(client, shelf):
    hidden = _hidden(shelf, Product.DRAFT)
    Product.objects.filter(pk=hidden.pk).update(is_public=True)  # bypasses save()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Kain Rahasia" not in client.get(reverse("catalogue:index")).content.decode()


@pytest.mark.parametrize("state", NOT_APPROVED)
def test_unapproved_product_is_absent_from_every_listing_and_search(client, shelf, state):
    hidden = _hidden(shelf, state)
    for url in _listing_urls(shelf):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert hidden.title not in html, url
        assert hidden.get_absolute_url() not in html, url
    # ...while the approved piece is listed on the same pages (except the
    # search for a word only the hidden piece has).
    for url in _listing_urls(shelf)[:-1]:
        assert shelf["approved"].get_absolute_url() in client.get(url).content.decode(), url


@pytest.mark.parametrize("state", NOT_APPROVED)
def test_unapproved_product_cannot_be_added_to_the_basket(client, shelf, state):
    hidden = _hidden(shelf, state)
    client.post(reverse("basket:add", kwargs={"pk": hidden.pk}), {"quantity": 1})
    assert Line.objects.filter(product=hidden).count() == 0

    client.post(reverse("basket:add", kwargs={"pk": shelf["approved"].pk}), {"quantity": 1})
    assert Line.objects.filter(product=shelf["approved"]).count() == 1


def test_navigation_lists_only_crafts_and_regions_with_approved_work(client, shelf):
    empty_craft = CraftCategoryFactory(name="Gerabah Kosong")
    only_draft_region = RegionFactory(name="Daerah Draf", slug="daerah-draf")
    ProductFactory(title="Gerabah Draf", categories=[empty_craft], region=only_draft_region,
                   curation_state=Product.SUBMITTED)
    html = client.get(reverse("gallery:home")).content.decode()
    assert shelf["craft"].get_absolute_url() in html
    assert reverse("gallery:region", kwargs={"slug": "pamekasan"}) in html
    assert empty_craft.get_absolute_url() not in html
    assert reverse("gallery:region", kwargs={"slug": "daerah-draf"}) not in html
