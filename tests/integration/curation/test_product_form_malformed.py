"""Malformed POSTs to the dashboard product create and edit pages answer with the form and
its errors (200), never a 500 from Oscar's formset handling, and change nothing."""
import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from .conftest import form_data

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
pytestmark = pytest.mark.django_db

FORMSETS = ("category_formset", "image_formset", "recommended_formset", "stockrecord_formset")


def _prefixes(page):
    return [page.context[name].prefix for name in FORMSETS]


def malformed_posts(page):
    """(name, data) pairs: the page's own POST, broken in the ways a probe or a stale tab breaks it."""
    good = form_data(page, title="Judul Baru", action="save")
    prefixes = _prefixes(page)
    stock = page.context["stockrecord_formset"].prefix

    def without_management():
        return {k: v for k, v in good.items() if not k.endswith(("TOTAL_FORMS", "INITIAL_FORMS"))}

    def with_counts(prefix, **counts):
        data = dict(good)
        for key, value in counts.items():
            data[f"{prefix}-{key}"] = value
        return data

    cases = [("empty", {}), ("no management forms", without_management())]
    for prefix in prefixes:
        cases += [
            (f"{prefix} total garbage", with_counts(prefix, TOTAL_FORMS="abc")),
            (f"{prefix} total negative", with_counts(prefix, TOTAL_FORMS="-1")),
            (f"{prefix} total huge", with_counts(prefix, TOTAL_FORMS="99999999999999999999")),
            (f"{prefix} initial beyond existing", with_counts(prefix, INITIAL_FORMS="7", TOTAL_FORMS="7")),
            (f"{prefix} initial above total", with_counts(prefix, INITIAL_FORMS="3", TOTAL_FORMS="1")),
            (f"{prefix} initial garbage", with_counts(prefix, INITIAL_FORMS="x")),
        ]
    cases.append(("stock id of nothing", {**good, f"{stock}-0-id": "999999"}))
    return cases


def _assert_answered_with_form(response, name):
    assert response.status_code == 200, name
    assert "form" in response.context, name
    ctx = response.context
    errors = [ctx["form"].errors] + [ctx[n].non_form_errors() for n in FORMSETS if n in ctx]
    messages = [str(m) for m in ctx.get("messages", [])]
    assert any(errors) or messages, name


def test_malformed_posts_to_the_edit_page_answer_with_the_form(client, people, draft):
    client.force_login(people["admin"])
    url = reverse("dashboard:catalogue-product", kwargs={"pk": draft.pk})
    page = client.get(url)
    for name, data in malformed_posts(page):
        response = client.post(url, data)
        _assert_answered_with_form(response, name)
        draft.refresh_from_db()
        assert draft.title == "Kain Draf Siti", name


def test_malformed_posts_to_the_create_page_answer_with_the_form_and_create_nothing(client, people):
    product_class = ProductClass.objects.create(name="Kriya", slug="kriya", track_stock=True)
    url = reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug})
    client.force_login(people["siti"])
    page = client.get(url)
    before = Product.objects.count()
    for name, data in malformed_posts(page):
        response = client.post(url, data)
        _assert_answered_with_form(response, name)
        assert Product.objects.count() == before, name
