"""Curation in the dashboard: crafted POSTs, isolation, deleting, the queue, landing after login."""
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.curation.criteria import CRITERIA_CODES
from shop.curation.models import CurationDecision
from tests.factories import CraftCategoryFactory, ProductFactory, RegionFactory

from .conftest import form_data, form_errors, stock_prefix

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def edit_url(product):
    return reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})


def review_url(product):
    return reverse("dashboard:curation-review", kwargs={"pk": product.pk})


def approve_post(**extra):
    return {"decision": "approve_export", "criteria": list(CRITERIA_CODES), "note": "", **extra}


# --- crafted POSTs: an artisan never publishes or approves -----------------------------
def test_artisan_cannot_decide_through_the_review_page(client, people, draft):
    draft.curation_state = Product.SUBMITTED
    draft.save()
    client.force_login(people["siti"])
    assert client.get(review_url(draft)).status_code == 403
    assert client.post(review_url(draft), approve_post()).status_code == 403
    assert client.get(reverse("dashboard:curation-queue")).status_code == 403
    draft.refresh_from_db()
    assert draft.curation_state == Product.SUBMITTED


def test_artisan_product_form_ignores_state_and_visibility_fields(client, people, draft):
    client.force_login(people["siti"])
    page = client.get(edit_url(draft))
    assert "is_public" not in page.context["form"].fields
    assert "curation_state" not in page.context["form"].fields
    data = form_data(page, title="Kain Draf Siti Baru", curation_state="approved", is_public="on",
                     export_ready="on", action="save")
    response = client.post(edit_url(draft), data)
    assert response.status_code == 302, str(form_errors(response))[-600:]
    draft.refresh_from_db()
    assert draft.title == "Kain Draf Siti Baru"
    assert (draft.curation_state, draft.is_public, draft.export_ready) == (Product.DRAFT, False, False)


def test_artisan_save_and_submit_only_submits(client, people, draft):
    client.force_login(people["siti"])
    page = client.get(edit_url(draft))
    client.post(edit_url(draft), form_data(page, action="submit", curation_state="approved"))
    draft.refresh_from_db()
    assert draft.curation_state == Product.SUBMITTED
    assert not draft.is_public


def test_bulk_actions_offer_no_public_switch_and_never_publish(client, people, draft):
    client.force_login(people["siti"])
    listing = client.get(reverse("dashboard:catalogue-product-list"))
    assert set(listing.context["actions"]) == {"set_product_price"}
    for action in ("make_products_public", "make_public"):
        client.post(reverse("dashboard:catalogue-product-list"), {"action": action, "selected_product": [draft.pk]})
        client.post(reverse("dashboard:catalogue-product-bulk-action"),
                    {"action": action, "selected_products": [draft.pk], "select_all_standalones": "on"})
    draft.refresh_from_db()
    assert (draft.curation_state, draft.is_public) == (Product.DRAFT, False)


def test_bulk_price_change_skips_an_artisans_live_products(client, people):
    live = ProductFactory(artisan=people["siti_shop"], price=Decimal("500000"))
    client.force_login(people["siti"])
    client.post(reverse("dashboard:catalogue-product-bulk-action"), {
        "action": "set_product_price", "selected_products": [live.pk], "partners": [people["siti_shop"].pk],
        "new_price": "1", "confirm_irreversible": "on"})
    assert live.stockrecords.get().price == Decimal("500000")


def test_artisan_creates_a_draft_with_their_own_stock_record_only(client, people):
    product_class = ProductClass.objects.create(name="Kriya", slug="kriya", track_stock=True)
    url = reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug})
    client.force_login(people["siti"])
    page = client.get(url)
    prefix = stock_prefix(page)
    region = RegionFactory()
    data = form_data(page, title="Selendang Baru", story="Cerita", story_en="Story", materials="Sutra",
                     technique="Tulis", region=region.pk, lead_time_days="3", action="save",
                     **{"productcategory_set-0-category": people["craft"].pk,
                        f"{prefix}-0-partner": people["fauzi_shop"].pk, f"{prefix}-0-price": "450000",
                        f"{prefix}-0-num_in_stock": "2", "curation_state": "approved"})
    response = client.post(url, data)
    assert response.status_code == 200  # the other artisan's partner is refused, nothing is lost
    assert not Product.objects.filter(title="Selendang Baru").exists()
    data[f"{prefix}-0-partner"] = people["siti_shop"].pk
    response = client.post(url, data)
    assert response.status_code == 302
    product = Product.objects.get(title="Selendang Baru")
    assert product.curation_state == Product.DRAFT
    record = product.stockrecords.get()
    assert (record.partner, record.price, record.num_in_stock) == (people["siti_shop"], Decimal("450000"), 2)
    assert record.partner_sku  # made for them


# --- isolation: the other artisan's ids --------------------------------------------------
@pytest.mark.parametrize("name,method", [
    ("dashboard:curation-product-submit", "post"), ("dashboard:curation-product-archive", "post"),
    ("dashboard:catalogue-product", "get"), ("dashboard:catalogue-product-delete", "get"),
    ("dashboard:catalogue-product-delete", "post"), ("dashboard:curation-review", "get"),
])
def test_an_artisan_cannot_reach_the_other_artisans_product(client, people, draft, name, method):
    client.force_login(people["fauzi"])
    response = getattr(client, method)(reverse(name, kwargs={"pk": draft.pk}))
    assert response.status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.curation_state == Product.DRAFT


def test_an_artisan_cannot_withdraw_the_other_artisans_revision(client, people):
    from shop.curation.services import product_revision_propose

    live = ProductFactory(artisan=people["siti_shop"])
    revision = product_revision_propose(product=live, user=people["siti"], stockrecord=None,
                                        changes={"title": "Judul baru"})
    client.force_login(people["fauzi"])
    response = client.post(reverse("dashboard:curation-revision-withdraw", kwargs={"pk": revision.pk}))
    assert response.status_code == 404
    revision.refresh_from_db()
    assert revision.status == revision.PENDING


@pytest.mark.parametrize("name,kwargs", [("dashboard:curation-queue", {}), ("dashboard:curation-review", "pk")])
def test_a_curator_without_the_permission_is_refused(client, people, draft, name, kwargs):
    client.force_login(people["curator_without"])
    url = reverse(name, kwargs={"pk": draft.pk} if kwargs else {})
    assert client.get(url).status_code == 403
    assert client.post(url, approve_post()).status_code == 403


# --- deciding from the dashboard ----------------------------------------------------------
def test_curator_decides_from_the_review_page(client, people, draft):
    draft.images.create(original="images/x.png", display_order=0)
    draft.curation_state = Product.SUBMITTED
    draft.save()
    client.force_login(people["curator"])
    page = client.get(review_url(draft))
    assert [criterion.code for criterion, *_ in page.context["checklist"]] == list(CRITERIA_CODES)
    refused = client.post(review_url(draft), {"decision": "request_changes", "note": ""})
    assert refused.status_code == 200 and refused.context["form"].errors
    response = client.post(review_url(draft), approve_post())
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.curation_state, draft.export_ready, draft.is_public) == (Product.APPROVED, True, True)
    history = client.get(edit_url(draft))
    assert list(history.context["curation_history"])[0].action == CurationDecision.APPROVE


def test_queue_oldest_first_filtered_by_craft_and_region(client, people):
    from shop.curation.services import product_submit

    tenun = CraftCategoryFactory(name="Tenun")
    madura = RegionFactory(name="Sumenep")
    first = ProductFactory(title="Pertama", artisan=people["siti_shop"], curation_state=Product.DRAFT,
                           categories=[people["craft"]])
    second = ProductFactory(title="Kedua", artisan=people["fauzi_shop"], curation_state=Product.DRAFT,
                            categories=[tenun], region=madura)
    ProductFactory(title="Draf", artisan=people["siti_shop"], curation_state=Product.DRAFT)
    product_submit(product=first, user=people["siti"])
    product_submit(product=second, user=people["fauzi"])
    client.force_login(people["curator"])
    queue = client.get(reverse("dashboard:curation-queue"))
    assert [p.title for p in queue.context["items"]] == ["Pertama", "Kedua"]
    by_craft = client.get(reverse("dashboard:curation-queue"), {"category": tenun.pk})
    assert [p.title for p in by_craft.context["items"]] == ["Kedua"]
    by_region = client.get(reverse("dashboard:curation-queue"), {"region": first.region.pk})
    assert [p.title for p in by_region.context["items"]] == ["Pertama"]


# --- deleting -------------------------------------------------------------------------------
def test_artisan_deletes_their_own_never_approved_draft(client, people, draft):
    client.force_login(people["siti"])
    client.post(reverse("dashboard:catalogue-product-delete", kwargs={"pk": draft.pk}))
    assert not Product.objects.filter(pk=draft.pk).exists()


def test_an_approved_product_is_archived_not_deleted(client, people):
    live = ProductFactory(artisan=people["siti_shop"])
    client.force_login(people["siti"])
    client.post(reverse("dashboard:catalogue-product-delete", kwargs={"pk": live.pk}))
    live.refresh_from_db()
    assert (live.curation_state, live.is_public) == (Product.ARCHIVED, False)
    assert live.curation_decisions.filter(action=CurationDecision.ARCHIVE).exists()


def test_a_product_another_artisan_stocks_is_neither_deleted_nor_stripped(client, people, draft):
    StockRecord.objects.create(product=draft, partner=people["fauzi_shop"], partner_sku="F-1", price=1000,
                               num_in_stock=1)
    client.force_login(people["siti"])
    client.post(reverse("dashboard:catalogue-product-delete", kwargs={"pk": draft.pk}))
    assert Product.objects.filter(pk=draft.pk).exists()
    assert draft.stockrecords.count() == 2


def test_a_sold_draft_is_archived(client, people, draft):
    from oscar.test import factories as oscar_factories

    order = oscar_factories.OrderFactory()
    oscar_factories.OrderLineFactory(order=order, product=draft, partner=people["siti_shop"],
                                     stockrecord=draft.stockrecords.get())
    client.force_login(people["siti"])
    client.post(reverse("dashboard:catalogue-product-delete", kwargs={"pk": draft.pk}))
    draft.refresh_from_db()
    assert draft.curation_state == Product.ARCHIVED


# --- landing after login --------------------------------------------------------------------
@pytest.mark.parametrize("login_url", ["dashboard:login", "customer:login"])
def test_a_curator_lands_on_the_queue_and_admin_on_the_dashboard(client, people, login_url):
    def login(user):
        client.logout()
        if login_url == "dashboard:login":
            data = {"username": user.email, "password": "pw-kriya-123"}
        else:
            data = {"login-username": user.email, "login-password": "pw-kriya-123", "login_submit": "1"}
        response = client.post(reverse(login_url), data, follow=True)
        return response.redirect_chain[-1][0]

    assert login(people["curator"]).endswith(reverse("dashboard:curation-queue"))
    assert login(people["admin"]).endswith(reverse("dashboard:index"))
    # Later visits to the dashboard home are not redirected.
    assert client.get(reverse("dashboard:index")).status_code == 200


def test_the_curation_menu_shows_for_curators_only(client, people):
    queue = reverse("dashboard:curation-queue")
    client.force_login(people["curator"])
    client.get(reverse("dashboard:index"))  # the first visit after login lands on the queue
    assert f'href="{queue}"' in client.get(reverse("dashboard:index")).content.decode()
    client.force_login(people["siti"])
    page = client.get(reverse("dashboard:index"))
    assert page.status_code == 200
    assert f'href="{queue}"' not in page.content.decode()


def test_the_admin_shows_but_cannot_set_curation_state(client, people, draft):
    client.force_login(people["admin"])
    url = reverse("admin:catalogue_product_change", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="curation_state"' not in page.content.decode()
