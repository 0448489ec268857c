"""English pages of the demo catalogue carry no Indonesian that leaked: materials,
techniques, craft names and descriptions are shown in English, and the old
Indonesian "technique. Bahan: materials." paragraph is gone from every story."""
import html
import re

import pytest
from django.utils import translation
from oscar.core.loading import get_model

from shop.demo import catalogue_data as data
from shop.demo.services import demo_catalogue_load

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    demo_catalogue_load(image_size=64)


def _text(response):
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def _leaked_words():
    """Indonesian text of the seeds that an English page must not show.

    Craft names that also name products or workshops ("Batik Tulis Majan ...")
    are proper nouns there, so only those that never do are checked.
    """
    names = " ".join([p.title for p in data.PRODUCTS] + [a.name for a in data.ARTISANS])
    words = {p.materials for p in data.PRODUCTS} | {p.technique for p in data.PRODUCTS}
    words |= {c.description for c in data.CATEGORIES}
    words |= {c.name for c in data.CATEGORIES if c.name not in names and c.name != data.CATEGORIES_EN[c.name][0]}
    words |= {"Bahan:", "pewarna alam", "malam (lilin)"}
    return words


def test_every_seed_has_its_english():
    assert {p.materials for p in data.PRODUCTS} <= set(data.MATERIALS_EN)
    assert {p.technique for p in data.PRODUCTS} <= set(data.TECHNIQUE_EN)
    assert {c.name for c in data.CATEGORIES} == set(data.CATEGORIES_EN)


def test_english_pages_of_the_demo_catalogue_show_no_indonesian(client, demo):
    leaked = _leaked_words()
    assert "Kriya Bambu" in leaked and "Kuliner" in leaked
    products = list(Product.objects.browsable())
    assert len(products) > 50
    with translation.override("id"):
        urls = [p.get_absolute_url() for p in products]
        urls += [c.get_absolute_url() for c in Category.objects.filter(depth=1)]
        urls += ["/", "/kriya/", "/catalogue/"]

    found = {}
    for url in urls:
        response = client.get("/en" + url)
        assert response.status_code == 200, url
        text = _text(response)
        for word in leaked:
            if word in text:
                found.setdefault(url, []).append(word)
    assert not found, found


def test_product_page_shows_materials_technique_and_craft_in_the_page_language(client, demo):
    product = Product.objects.get(upc="GK-BTB-001")
    with translation.override("id"):
        url = product.get_absolute_url()

    english = _text(client.get("/en" + url))
    indonesian = _text(client.get(url))

    assert data.MATERIALS_EN[product.materials] in english
    assert data.TECHNIQUE_EN[product.technique] in english
    assert ">Hand-drawn Batik<" in english
    assert product.materials in indonesian and product.technique in indonesian
    assert ">Batik Tulis<" in indonesian
    # No paragraph repeating them in one language only.
    assert 'id="product_description"' not in english
