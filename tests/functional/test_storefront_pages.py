"""What the storefront shows: product provenance, the artisan, prices, both
languages, and browsing that lists products from the database."""
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model
from PIL import Image

from tests.factories import (
    ArtisanFactory,
    CertificationFactory,
    CraftCategoryFactory,
    ProductFactory,
    RegionFactory,
)

Product = get_model("catalogue", "Product")
Certification = get_model("catalogue", "Certification")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian():
    # A previous test's /en/ request can leave English active in this thread;
    # reverse() in the test body must see the default language.
    with translation.override("id"):
        yield

STORY_ID = "Dibatik dengan canting selama tiga minggu di Desa Klampar."
STORY_EN = "Drawn with a canting over three weeks in Klampar village."


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode().replace("\u00a0", " "))


def _portrait():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 60), (43, 58, 103)).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="siti.png")


@pytest.fixture
def batik():
    region = RegionFactory(name="Pamekasan", slug="pamekasan")
    artisan = ArtisanFactory(
        name="Batik Sekar Jagad",
        slug="batik-sekar-jagad",
        maker_name="Ibu Siti Maemunah",
        region=region,
        story="Ibu Siti belajar membatik dari neneknya.",
        story_en="Ibu Siti learned batik from her grandmother.",
        portrait=_portrait(),
    )
    craft = CraftCategoryFactory(name="Batik Tulis")
    product = ProductFactory(
        title="Batik Tulis Sekar Jagad",
        categories=[craft],
        region=region,
        artisan=artisan,
        price=Decimal("1250000.00"),
        materials="Katun primisima, pewarna indigo alam",
        story=STORY_ID,
        story_en=STORY_EN,
        lead_time_days=21,
    )
    valid = CertificationFactory(
        product=product, kind=Certification.BATIKMARK, number="BM-2024-0117",
        expiry_date=datetime.date(2031, 3, 14),
    )
    expired = CertificationFactory(
        product=product, kind=Certification.SNI, number="SNI-8899",
        expiry_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    return {"region": region, "artisan": artisan, "craft": craft, "product": product,
            "valid": valid, "expired": expired}


def test_product_page_in_indonesian_shows_story_provenance_and_artisan(client, batik):
    response = client.get(batik["product"].get_absolute_url())
    assert response.status_code == 200
    text = _text(response)
    assert '<html lang="id"' in text
    assert STORY_ID in text and STORY_EN not in text
    assert "Katun primisima, pewarna indigo alam" in text
    assert "Rp 1.250.000" in text
    # Certifications with their expiry, the expired one flagged as such.
    assert "BM-2024-0117" in text and "Batikmark" in text
    assert "Berlaku hingga 14 Maret 2031" in text
    assert "SNI-8899" in text and "Kedaluwarsa pada" in text
    # Made to order, with its lead time.
    assert "21 hari" in text
    # Curation badge and the artisan block linking to the artisan's page.
    assert "Terkurasi" in text
    artisan_url = reverse("gallery:artisan", kwargs={"slug": "batik-sekar-jagad"})
    assert f'href="{artisan_url}"' in text
    assert "Ibu Siti Maemunah" in text


def test_product_page_in_english_under_en_prefix(client, batik):
    response = client.get("/en" + batik["product"].get_absolute_url())
    assert response.status_code == 200
    text = _text(response)
    assert '<html lang="en"' in text
    assert STORY_EN in text and STORY_ID not in text
    assert "Rp 1.250.000" in text
    assert "Valid until 14 March 2031" in text
    assert "Expired on" in text
    assert "21 days" in text
    assert "Curated" in text
    assert 'href="/en/perajin/batik-sekar-jagad/"' in text


def test_english_story_falls_back_to_indonesian_when_missing(client, batik):
    Product.objects.filter(pk=batik["product"].pk).update(story_en="")
    text = _text(client.get("/en" + batik["product"].get_absolute_url()))
    assert STORY_ID in text


def test_artisan_page_shows_portrait_story_region_and_products(client, batik):
    other_artisans_piece = ProductFactory(title="Tenun Ikat Parengan")
    url = reverse("gallery:artisan", kwargs={"slug": "batik-sekar-jagad"})
    response = client.get(url)
    assert response.status_code == 200
    text = _text(response)
    assert "Ibu Siti belajar membatik dari neneknya." in text
    assert "Ibu Siti learned batik" not in text
    assert re.search(r'<img class="gk-artisan__portrait" src="[^"]+\.(png|jpg)"', text)
    assert 'href="/daerah/pamekasan/"' in text and "Kabupaten Pamekasan" in text
    assert batik["product"].get_absolute_url() in text
    assert other_artisans_piece.get_absolute_url() not in text

    english = _text(client.get("/en" + url))
    assert "Ibu Siti learned batik from her grandmother." in english


def test_unknown_artisan_and_region_are_404(client):
    assert client.get(reverse("gallery:artisan", kwargs={"slug": "tidak-ada"})).status_code == 404
    assert client.get(reverse("gallery:region", kwargs={"slug": "tidak-ada"})).status_code == 404


def test_region_page_lists_its_products_and_artisans(client, batik):
    elsewhere = ProductFactory(title="Sarung Lamongan", region=RegionFactory(name="Lamongan", slug="lamongan"))
    text = _text(client.get(reverse("gallery:region", kwargs={"slug": "pamekasan"})))
    assert batik["product"].get_absolute_url() in text
    assert elsewhere.get_absolute_url() not in text
    assert "Batik Sekar Jagad" in text


def test_crafts_and_regions_index_pages(client, batik):
    crafts = _text(client.get(reverse("gallery:crafts")))
    assert batik["craft"].get_absolute_url() in crafts and "1 karya" in crafts
    regions = _text(client.get(reverse("gallery:regions")))
    assert 'href="/daerah/pamekasan/"' in regions
    artisans = _text(client.get(reverse("gallery:artisans")))
    assert 'href="/perajin/batik-sekar-jagad/"' in artisans


def test_category_page_lists_products_of_sub_categories(client, batik):
    sub = CraftCategoryFactory(name="Batik Gentongan", parent=batik["craft"])
    in_sub = ProductFactory(title="Gentongan Merah", categories=[sub])
    other_craft = ProductFactory(title="Kap Lampu Bambu", categories=[CraftCategoryFactory(name="Kriya Bambu")])
    text = _text(client.get(batik["craft"].get_absolute_url()))
    assert batik["product"].get_absolute_url() in text
    assert in_sub.get_absolute_url() in text
    assert other_craft.get_absolute_url() not in text


def test_catalogue_index_paginates_and_sorts_by_price(client, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 2
    cheap = ProductFactory(title="Murah", price=Decimal("100000"))
    middle = ProductFactory(title="Sedang", price=Decimal("500000"))
    dear = ProductFactory(title="Mahal", price=Decimal("3000000"))
    first = client.get(reverse("catalogue:index") + "?sort=price-asc")
    assert [p.pk for p in first.context["products"]] == [cheap.pk, middle.pk]
    second = client.get(reverse("catalogue:index") + "?sort=price-asc&page=2")
    assert [p.pk for p in second.context["products"]] == [dear.pk]
    # A page past the end shows the last page rather than an error.
    assert client.get(reverse("catalogue:index") + "?page=99").status_code == 200
    newest = client.get(reverse("catalogue:index"))
    assert [p.pk for p in newest.context["products"]] == [dear.pk, middle.pk]


def _queries_for(client, url):
    client.get(url)  # warm caches (site, category slugs) so both counts compare like with like
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["catalogue:index", "craft", "region", "artisan", "search", "gallery:home"])
def test_listing_query_count_does_not_grow_with_products(client, url_name):
    region = RegionFactory(name="Sidoarjo", slug="sidoarjo")
    craft = CraftCategoryFactory(name="Bordir")
    artisan = ArtisanFactory(slug="bordir-tanggulangin", region=region)
    urls = {
        "catalogue:index": reverse("catalogue:index"),
        "craft": craft.get_absolute_url(),
        "region": reverse("gallery:region", kwargs={"slug": "sidoarjo"}),
        "artisan": reverse("gallery:artisan", kwargs={"slug": "bordir-tanggulangin"}),
        "search": reverse("search:search") + "?q=bordir",
        "gallery:home": reverse("gallery:home"),
    }

    def add(n):
        for _ in range(n):
            # A different artisan per piece too, so partner lookups would show.
            ProductFactory(title="Bordir Kebaya", categories=[craft], region=region,
                           artisan=artisan if _ % 2 else None, is_one_of_a_kind=bool(_ % 2))

    add(2)
    few = _queries_for(client, urls[url_name])
    add(8)
    many = _queries_for(client, urls[url_name])
    assert many == few, f"{url_name}: {few} queries with 2 products, {many} with 10"
    assert many <= 25


def test_search_matches_title_story_materials_and_artisan(client, batik):
    ProductFactory(title="Kap Lampu", materials="Bambu wulung")
    for query in ["sekar jagad", "klampar", "indigo", "Siti Maemunah"]:
        products = client.get(reverse("search:search"), {"q": query}).context["products"]
        assert [p.pk for p in products] == [batik["product"].pk], query
    assert list(client.get(reverse("search:search"), {"q": ""}).context["products"]) == []


def test_language_switcher_moves_between_indonesian_and_english(client, batik):
    url = batik["product"].get_absolute_url()
    page = _text(client.get(url))
    assert f'action="{reverse("set_language")}"' in page
    assert f'name="next" type="hidden" value="{url}"' in page

    to_english = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert to_english.status_code == 302 and to_english["Location"] == "/en" + url
    # On the English page the switcher offers the neutral path back.
    english = _text(client.get("/en" + url))
    assert f'name="next" type="hidden" value="{url}"' in english
    to_indonesian = client.post(reverse("set_language"), {"language": "id", "next": url})
    assert to_indonesian["Location"] == url


def test_home_page_features_collections_from_data(client, batik):
    unique = ProductFactory(title="Gentongan Satu-satunya", is_one_of_a_kind=True, region=batik["region"])
    response = client.get(reverse("gallery:home"))
    text = _text(response)
    assert batik["craft"].get_absolute_url() in text
    assert unique in response.context["one_of_a_kind_products"]
    assert response.context["spotlight_region"] == batik["region"]
    assert "Rp 1.250.000" in text
    english = _text(client.get("/en/"))
    assert "Rp 1.250.000" in english and '<html lang="en"' in english


def test_basket_and_checkout_still_work_with_the_gallery_layout(client, batik):
    response = client.post(reverse("basket:add", kwargs={"pk": batik["product"].pk}), {"quantity": 1}, follow=True)
    assert response.status_code == 200
    basket = _text(client.get(reverse("basket:summary")))
    assert "Batik Tulis Sekar Jagad" in basket and "Rp 1.250.000" in basket
    checkout = client.get(reverse("checkout:index"), follow=True)
    assert checkout.status_code == 200
