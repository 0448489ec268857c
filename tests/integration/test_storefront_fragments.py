"""Cached HTML (shop/gallery/fragments.py), the cached product rows and site
offers: what a buyer sees is never older than the last committed change or
the clock, and never carries another visitor's user, basket or CSRF token.

Like test_storefront_cache_invalidation.py, these commit for real with the
storefront cache on, warm the pages, change one thing and read the next request.
"""
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image

from shop.campaigns import services as campaign_services
from shop.campaigns.models import Campaign
from shop.catalogue import view_counts
from shop.celery import app as celery_app
from shop.gallery.models import CatalogueVersion
from tests.factories import ArtisanFactory, CertificationFactory, CraftCategoryFactory, ProductFactory, RegionFactory

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")
User = get_user_model()

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def storefront_cache(storefront_cache_on):
    yield


@pytest.fixture
def piece():
    region = RegionFactory(name="Lamongan", slug="lamongan")
    artisan = ArtisanFactory(slug="tenun-parengan", region=region)
    craft = CraftCategoryFactory(name="Tenun")
    piece = ProductFactory(title="Sarung Tenun Ikat Parengan", categories=[craft], region=region, artisan=artisan,
                           price=Decimal("450000"), num_in_stock=3, story="Ditenun dengan tangan.")
    # Two more of the artisan's, for the "more from" shelf.
    ProductFactory(title="Selendang Tenun", categories=[craft], region=region, artisan=artisan,
                   price=Decimal("150000"))
    return piece


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode().replace("\u00a0", " ")


def _fragment_keys() -> list[str]:
    return [key for key in caches["storefront"]._cache if ":html:" in key]


def test_the_product_page_and_cards_are_served_from_cached_fragments(client, piece):
    first = _text(client.get(piece.get_absolute_url()))
    assert _fragment_keys(), "the first request stores the page's fragments"
    with CaptureQueriesContext(connection) as warm:
        second = _text(client.get(piece.get_absolute_url()))
    assert re.sub(r'value="[^"]{30,}"', "", first) == re.sub(r'value="[^"]{30,}"', "", second)
    sql = " ".join(query["sql"] for query in warm.captured_queries)
    # Images, certificates, categories, the product row, and (until the next
    # price edit, sale or shipment renews the stock version) its stock records.
    for table in ("catalogue_productimage", "catalogue_certification", "catalogue_productcategory",
                  "offer_conditionaloffer", "partner_stockrecord"):
        assert table not in sql, table
    assert len(warm.captured_queries) == 1  # the versions
    assert "Selendang Tenun" in second  # the shelf


def test_a_story_edit_shows_at_once(client, piece):
    _text(client.get(piece.get_absolute_url()))
    piece.story = "Kisah baru dari Parengan."
    piece.save()
    page = _text(client.get(piece.get_absolute_url()))
    assert "Kisah baru dari Parengan." in page and "Ditenun dengan tangan." not in page


def test_a_new_image_shows_at_once_on_the_page_and_the_card(client, piece):
    _text(client.get(piece.get_absolute_url()))
    _text(client.get(reverse("catalogue:index")))
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (120, 60, 30)).save(buffer, format="JPEG")
    image = ProductImage(product=piece, display_order=0, caption="Motif lar")
    image.original.save("motif-lar.jpg", ContentFile(buffer.getvalue()), save=True)
    assert 'alt="Motif lar"' in _text(client.get(reverse("catalogue:index")))
    assert "gk-placeholder--large" not in _text(client.get(piece.get_absolute_url()))


def test_an_approved_certificate_shows_at_once(client, piece):
    assert "PIRT-3524" not in _text(client.get(piece.get_absolute_url()))
    CertificationFactory(product=piece, number="PIRT-3524")
    assert "PIRT-3524" in _text(client.get(piece.get_absolute_url()))


def test_price_and_stock_written_by_queryset_updates_show_at_once(client, piece):
    _text(client.get(piece.get_absolute_url()))
    _text(client.get(reverse("gallery:artisan", kwargs={"slug": "tenun-parengan"})))
    before = CatalogueVersion.objects.get(pk=1)
    # The way Oscar allocates stock and our price edits write: no post_save.
    StockRecord.objects.filter(product=piece).update(price=Decimal("490000"), num_in_stock=1)
    after = CatalogueVersion.objects.get(pk=1)
    # The cached HTML and rows stay (they hold no price or stock); the stock version moves.
    assert after.token == before.token and after.stock_token != before.stock_token
    page = _text(client.get(piece.get_absolute_url()))
    assert "Rp 490.000" in page and "Rp 450.000" not in page
    assert "Tersisa 1 karya" in page and 'id="add_to_basket_form"' in page
    assert "Rp 490.000" in _text(client.get(reverse("gallery:artisan", kwargs={"slug": "tenun-parengan"})))
    # A buyer takes the last one through the stock pool (Oscar's allocate()).
    from shop.partner.stock import stock_allocate

    with transaction.atomic():
        stock_allocate(stockrecord_id=piece.stockrecords.get().pk, quantity=1)
    page = _text(client.get(piece.get_absolute_url()))
    assert "Tersisa 1 karya" not in page and 'id="add_to_basket_form"' not in page


def test_a_campaign_shows_when_it_starts_and_goes_when_it_ends(client, piece):
    start = timezone.now() + dt.timedelta(hours=1)
    end = start + dt.timedelta(days=1)
    with time_machine.travel(start - dt.timedelta(minutes=1), tick=False):
        _text(client.get(piece.get_absolute_url()))  # offers cached before the campaign exists
        campaign = Campaign(name="Jatim Fair", name_en="Jatim Fair", slug="jatim-fair", starts_at=start, ends_at=end,
                            discount_kind=Campaign.PERCENTAGE, discount_value=Decimal("10"), text="Pameran.")
        campaign_services.campaign_save(campaign=campaign, products=[piece], categories=())
        assert "gk-price__now" not in _text(client.get(piece.get_absolute_url()))  # not yet
    with time_machine.travel(start, tick=False):
        page = _text(client.get(piece.get_absolute_url()))
        assert "gk-price__now" in page and "Rp 405.000" in page
        assert "Rp 405.000" in _text(client.get(reverse("catalogue:index")))
    with time_machine.travel(end + dt.timedelta(seconds=1), tick=False):
        page = _text(client.get(piece.get_absolute_url()))
        assert "gk-price__now" not in page and "Rp 405.000" not in page


def test_no_visitor_sees_anothers_user_links_or_csrf_token(piece):
    staff = User.objects.create_user("kurator", "kurator@galerikriya.test", "rahasia-123", is_staff=True)
    curator = Client()
    curator.force_login(staff)
    staff_page = _text(curator.get(piece.get_absolute_url()))  # fills the cache first
    assert reverse("dashboard:catalogue-product", kwargs={"pk": piece.pk}) in staff_page
    guest = Client()
    page = _text(guest.get(piece.get_absolute_url()))
    assert "logout_link" not in page and 'id="login_link"' in page
    assert reverse("dashboard:catalogue-product", kwargs={"pk": piece.pk}) not in page
    staff_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', staff_page).group(1)
    assert staff_token not in page


def test_each_language_has_its_own_fragments(client, piece):
    indonesian = _text(client.get(piece.get_absolute_url()))
    english = _text(client.get("/en" + piece.get_absolute_url()))
    assert "Kisahnya" in indonesian and "Asal-usul" in indonesian
    assert "The story" in english and "Provenance" in english
    assert "The story" not in indonesian and "Kisahnya" not in english


def test_a_product_view_is_counted_by_the_worker(piece, monkeypatch):
    buyer = User.objects.create_user("pembeli", "pembeli@galerikriya.test", "rahasia-123")
    client = Client()
    client.force_login(buyer)
    with CaptureQueriesContext(connection) as page:
        _text(client.get(piece.get_absolute_url()))
    assert not any("analytics_" in query["sql"] for query in page.captured_queries)  # the page writes nothing
    # The task itself, run in this process as a worker would run it.
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    _text(client.get(piece.get_absolute_url()))
    _text(Client().get(piece.get_absolute_url()))
    assert ProductRecord.objects.get(product=piece).num_views == 2
    assert UserRecord.objects.get(user=buyer).num_product_views == 1
    view_counts.record_view(piece.pk)  # safe to run again: one more view, no error
    assert ProductRecord.objects.get(product=piece).num_views == 3


def test_an_option_added_to_a_product_shows_in_its_basket_form_at_once(client, piece):
    Option = get_model("catalogue", "Option")
    assert 'name="engraving"' not in _text(client.get(piece.get_absolute_url()))
    engraving = Option.objects.create(name="Engraving", code="engraving", type=Option.TEXT, required=False)
    piece.product_options.add(engraving)
    assert 'name="engraving"' in _text(client.get(piece.get_absolute_url()))


def test_the_add_to_basket_form_is_written_out_as_django_renders_it(client, piece):
    from oscar.core.loading import get_class

    page = _text(client.get(piece.get_absolute_url()))
    form = get_class("basket.forms", "SimpleAddToBasketForm")(
        get_model("basket", "Basket")(), product=piece, initial={"product_id": piece.pk})
    assert list(form.fields) == ["quantity"]
    assert str(form["quantity"]) in page
    # and it adds the piece
    form_html = re.search(r'<form id="add_to_basket_form" action="([^"]+)".*?</form>', page, re.S)
    assert client.post(form_html.group(1), {"quantity": "1"}).status_code == 302
    assert '<span class="gk-basket__count">1</span>' in _text(client.get(piece.get_absolute_url()))


def test_the_basket_applies_a_campaign_saved_while_the_offers_are_cached(client, piece):
    client.post(reverse("basket:add", kwargs={"pk": piece.pk}), {"quantity": 2})
    assert client.get(reverse("basket:summary")).context["basket"].total_incl_tax == Decimal("900000")
    campaign = Campaign(name="Jatim Fair", name_en="Jatim Fair", slug="jatim-fair",
                        starts_at=timezone.now() - dt.timedelta(hours=1), ends_at=timezone.now() + dt.timedelta(days=1),
                        discount_kind=Campaign.PERCENTAGE, discount_value=Decimal("10"), text="Pameran.")
    campaign_services.campaign_save(campaign=campaign, products=[piece], categories=())
    with CaptureQueriesContext(connection) as basket_page:
        response = client.get(reverse("basket:summary"))
    assert response.context["basket"].total_incl_tax == Decimal("810000")
    assert "Jatim Fair" in _text(response)
    # Offers were read once for the page (the cache was renewed by the save), not once per use.
    assert sum("FROM \"offer_conditionaloffer\"" in q["sql"] for q in basket_page.captured_queries) == 1
    assert sum("FROM \"voucher_voucher\"" in q["sql"] for q in basket_page.captured_queries) == 1
    with CaptureQueriesContext(connection) as again:
        client.get(reverse("basket:summary"))
    assert not any("FROM \"offer_conditionaloffer\"" in q["sql"] for q in again.captured_queries)


def test_search_ranking_and_facets_are_cached_and_follow_every_price_and_stock_change(client, piece):
    from shop.partner.stock import stock_allocate
    from shop.search import indexing, services

    indexing.pending_catch_up()

    def facets(filters=None):
        results = services.product_search(query="tenun", filters=filters)
        return {kind: {value.value: value.count for value in values} for kind, values in results.facets.items()}, [
            product.title for product in results.products]

    before, titles = facets()
    assert "Sarung Tenun Ikat Parengan" in titles
    assert before["stock"] == {"1": 2} and before["price"] == {"100000-250000": 1, "250000-500000": 1}
    in_stock = services.Filters(stock=True)
    assert "Sarung Tenun Ikat Parengan" in facets(in_stock)[1]
    # Warm: the facets read no stock record (the shown cards' prices stay live).
    with CaptureQueriesContext(connection) as warm:
        services.product_search(query="tenun")
        services.product_search(query="tenun", filters=in_stock)
    assert not any("partner_stockrecord" in q["sql"] for q in warm.captured_queries)

    # The stock pool sells the last three pieces (Oscar's allocate(): a queryset
    # update and its own post_save): a new stock version, the catalogue's stays.
    version = CatalogueVersion.objects.get(pk=1)
    with transaction.atomic():
        stock_allocate(stockrecord_id=piece.stockrecords.get().pk, quantity=3)
    sold = CatalogueVersion.objects.get(pk=1)
    assert sold.token == version.token and sold.stock_token != version.stock_token
    after, _titles = facets()
    assert after["stock"] == {"1": 1}
    assert "Sarung Tenun Ikat Parengan" not in facets(in_stock)[1]
    # A price edit written the same way moves the price facet.
    StockRecord.objects.filter(product=piece).update(price=Decimal("600000"))
    after, _titles = facets()
    assert after["price"] == {"100000-250000": 1, "500000-1000000": 1}
    assert facets(services.Filters(price="500000-1000000"))[1] == ["Sarung Tenun Ikat Parengan"]
    # Each facet with the other's choice applied: in stock, only the shawl is priced;
    # in the sarung's band, nothing is available.
    narrowed, _titles = facets(in_stock)
    assert narrowed["price"] == {"100000-250000": 1} and narrowed["stock"] == {"1": 1}
    narrowed, _titles = facets(services.Filters(price="500000-1000000"))
    assert narrowed["stock"] == {} and narrowed["price"] == {"100000-250000": 1, "500000-1000000": 1}
    # A curation change gives a new catalogue version: the piece leaves the results at once.
    piece.curation_state = Product.REJECTED
    piece.save()
    indexing.pending_catch_up()
    assert "Sarung Tenun Ikat Parengan" not in facets()[1]


def test_a_guest_without_a_basket_costs_no_basket_query_and_one_with_sees_the_count(client, piece):
    _text(client.get(piece.get_absolute_url()))
    with CaptureQueriesContext(connection) as guest:
        page = _text(client.get(piece.get_absolute_url()))
    assert not any("basket_" in q["sql"] for q in guest.captured_queries)
    assert "gk-basket__count" not in page
    assert client.post(reverse("basket:add", kwargs={"pk": piece.pk}), {"quantity": 2}).status_code == 302
    assert '<span class="gk-basket__count">2</span>' in _text(client.get(piece.get_absolute_url()))
    # Signed in, the basket is the buyer's own (Oscar merges the guest's into it).
    buyer = User.objects.create_user(username="sari", email="sari@example.com", password="rahasia-123")
    client.force_login(buyer)
    assert '<span class="gk-basket__count">2</span>' in _text(client.get(piece.get_absolute_url()))


def test_the_basket_page_loads_its_lines_once_without_their_images(client, piece):
    assert client.post(reverse("basket:add", kwargs={"pk": piece.pk}), {"quantity": 1}).status_code == 302
    _text(client.get(reverse("basket:summary")))
    with CaptureQueriesContext(connection) as warm:
        page = _text(client.get(reverse("basket:summary")))
    sql = [q["sql"] for q in warm.captured_queries]
    assert not any("catalogue_productimage" in q for q in sql)  # the line image is cached HTML
    assert not any("COUNT(" in q and "basket_line" in q for q in sql)
    assert sum('FROM "basket_line"' in q for q in sql) == 1
    assert "Sarung Tenun Ikat Parengan" in page and 'name="form-0-quantity" value="1"' in page
    assert re.search(r'<img class="img-thumbnail[^>]+src="/media/cache/', page)
    # The empty voucher form is written out as Django renders its widget (with
    # the class Oscar's form_field.html adds).
    from oscar.core.loading import get_class

    code = get_class("basket.forms", "BasketVoucherForm")()["code"]
    assert code.as_widget(attrs={"class": "form-control"}) in page


def test_the_header_and_footer_show_the_same_language_switcher_rendered_once(client, piece):
    page = _text(client.get(piece.get_absolute_url() + "?utm=x"))
    switchers = re.findall(r'<form class="gk-lang".*?</form>', page, re.S)
    assert len(switchers) == 2 and switchers[0] == switchers[1]
    assert 'name="csrfmiddlewaretoken"' in switchers[0] and "?utm=x" in switchers[0]
    # and it switches: to English, back on the same page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', switchers[0]).group(1)
    next_path = re.search(r'name="next" type="hidden" value="([^"]+)"', switchers[0]).group(1).replace("&amp;", "&")
    answer = client.post(reverse("set_language"), {"language": "en", "next": next_path, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302 and answer["Location"].startswith("/en/")


def test_a_sub_category_page_costs_the_same_when_oscars_url_cache_expires(client, piece):
    craft = piece.categories.get()
    sub = Category.objects.get(pk=craft.pk).add_child(name="Tenun Ikat", slug="tenun-ikat", is_public=True)
    leaf = Category.objects.get(pk=sub.pk).add_child(name="Sarung", slug="sarung", is_public=True)
    url = sub.get_absolute_url()
    _text(client.get(url))
    with CaptureQueriesContext(connection) as warm:
        first = _text(client.get(url))
    # Oscar keeps a sub-category's URL in the default cache for its timeout only.
    caches["default"].clear()
    with CaptureQueriesContext(connection) as expired:
        second = _text(client.get(url))
    assert len(expired.captured_queries) == len(warm.captured_queries)
    assert 'href="%s"' % leaf.get_absolute_url() in second and 'href="%s"' % craft.get_absolute_url() in second
    strip = re.compile(r'value="[^"]{30,}"')
    assert strip.sub("", first) == strip.sub("", second)
    # A renamed craft shows in the crumbs at once (a new catalogue version).
    craft.name = "Tenun Tradisional"
    craft.save()
    assert "Tenun Tradisional" in _text(client.get(url))
