"""Artisan isolation over EVERY dashboard URL, found by walking the URL resolver.

No fixed list: each pattern under ``/dashboard/`` is filled with the OTHER artisan's
ids (Madura's product, order, line, partner, user, channel...) or, for the gallery's
own objects (categories, vouchers, pages...), with one existing row, then fetched
and posted (empty and with hostile form data) as artisan Gresik. Gresik must get a
refusal (403/404/405/redirect) or a page without any of Madura's data, and nothing
of Madura's or the gallery's may change. A new page is covered without editing this
file; a new URL keyword this file cannot fill FAILS the test (add it to
``KWARG_FILLERS`` / ``PK_BY_MODEL`` / ``PK_BY_URL_NAME`` below).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories
from oscar.test.factories import customer as customer_factories
from oscar.test.factories import voucher as voucher_factories

from marketplace_sync.models import Channel, SyncRun
from shop.certifications.models import CraftCertificationRequirement
from shop.curation.models import ProductRevision
from tests.factories import CertificationFactory, CraftCategoryFactory

pytestmark = pytest.mark.django_db
User = get_user_model()

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")
Certification = get_model("catalogue", "Certification")
ProductReview = get_model("reviews", "ProductReview")
ProductAlert = get_model("customer", "ProductAlert")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
StockAlert = get_model("partner", "StockAlert")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderNote = get_model("order", "OrderNote")
ShippingAddress = get_model("order", "ShippingAddress")
ShippingEvent = get_model("order", "ShippingEvent")
PaymentEvent = get_model("order", "PaymentEvent")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Range = get_model("offer", "Range")
Voucher = get_model("voucher", "Voucher")
VoucherSet = get_model("voucher", "VoucherSet")
CommunicationEventType = get_model("communication", "CommunicationEventType")
WeightBased = get_model("shipping", "WeightBased")
WeightBand = get_model("shipping", "WeightBand")

#: Patterns not requested at all, each with the reason. Keep this short.
NOT_REQUESTED = {
    # Logging out ends the session the rest of the walk needs; it shows nobody's data.
    "dashboard:logout": "ends the session; no data",
}


# --------------------------------------------------------------------------- the other artisan's world


@pytest.fixture
def world(gallery):
    """Gresik (the visitor) and Madura (the other artisan) with something behind every URL keyword."""
    madura, batik = gallery["madura"], gallery["batik"]
    own_shop = Channel.objects.create(kind=Channel.SHOPEE, code="toko-madura", name="Toko Madura di Shopee",
                                      api_base_url="http://127.0.0.1:9", partner=madura)
    run = SyncRun.objects.create(channel=own_shop, kind=SyncRun.PULL, status=SyncRun.SUCCEEDED)
    madura_order = gallery["madura_on_shopee"]
    Order.objects.filter(pk=madura_order.pk).update(needs_review=True, review_note="Catatan review Madura")
    note = OrderNote.objects.create(order=madura_order, note_type="Info", message="Catatan rahasia Madura")
    category = CraftCategoryFactory(name="Batik Tulis")
    batik.categories.add(category)
    certification = CertificationFactory(product=batik, number="BM-MADURA-001",
                                         expiry_date=timezone.localdate() + dt.timedelta(days=20))
    StockAlert.objects.create(stockrecord=batik.stockrecords.get(), threshold=1)
    review = ProductReview.objects.create(product=batik, title="Ulasan batik Madura", body="Bagus", score=5,
                                          name="Pembeli", email="ulasan@example.com")
    alert = customer_factories.ProductAlertFactory(product=batik, user=gallery["madura_user"])
    option = Option.objects.create(name="Ukuran")
    group = AttributeOptionGroup.objects.create(name="Warna alam")
    page = FlatPage.objects.create(url="/tentang/", title="Tentang galeri", content="Halaman")
    page.sites.add(Site.objects.get_current())
    offer = oscar_factories.create_offer(name="Jatim Fair")
    a_range = offer.condition.range
    a_range.add_product(batik)
    voucher = voucher_factories.VoucherFactory(name="Voucher Jatim", code="JATIM")
    voucher_set = voucher_factories.VoucherSetFactory(name="Set Jatim", count=1)
    method = WeightBased.objects.create(name="Kurir berat")
    band = WeightBand.objects.create(method=method, upper_limit=Decimal("5"), charge=Decimal("20000"))
    event_type = CommunicationEventType.objects.get(code="ARTISAN_NEW_ORDER")
    revision = ProductRevision.objects.create(product=batik, user=gallery["madura_user"],
                                              proposed={"title": "Judul revisi Madura"})
    requirement = CraftCertificationRequirement.objects.create(category=category, kind=Certification.BATIKMARK)
    from shop.catalogue_io.models import ProductImport

    product_import = ProductImport.objects.create(user=gallery["madura_user"], file_name="madura.csv",
                                                  file_format=ProductImport.CSV, status=ProductImport.CHECKED)
    madura_line_shared = gallery["shared"].lines.get(partner=madura)
    madura_line_own = madura_order.lines.get()
    return {
        **gallery,
        "own_shop": own_shop, "run": run, "note": note, "category": category, "certification": certification,
        "review": review, "alert": alert, "option": option, "group": group, "page": page, "offer": offer,
        "range": a_range, "voucher": voucher, "voucher_set": voucher_set, "method": method, "band": band,
        "event_type": event_type, "revision": revision, "requirement": requirement,
        "madura_line_shared": madura_line_shared, "madura_line_own": madura_line_own,
        "product_import": product_import,
    }


#: URL keyword -> the value to put there, from the world (Madura's, where an artisan owns it).
KWARG_FILLERS = {
    "number": lambda w, order: order.number,
    "line_id": lambda w, order: order.lines.get(partner=w["madura"]).pk,
    "note_id": lambda w, order: w["note"].pk,
    "parent_pk": lambda w, order: w["batik"].pk,
    "partner_pk": lambda w, order: w["madura"].pk,
    "product_pk": lambda w, order: w["batik"].pk,
    "user_pk": lambda w, order: w["madura_user"].pk,
    "parent": lambda w, order: w["category"].pk,
    "product_class_slug": lambda w, order: w["batik"].product_class.slug,
    "slug": lambda w, order: w["event_type"].code,
    "method_pk": lambda w, order: w["method"].pk,
    # The demo's outbox (staff only): an email's key is "<file>:<index>".
    "key": lambda w, order: "20260101-000000-1.log:0",
}
#: ``pk`` by the view's model.
PK_BY_MODEL = {
    Product: "batik", Partner: "madura", User: "madura_user", Category: "category", Option: "option",
    AttributeOptionGroup: "group", ProductReview: "review", ProductAlert: "alert", FlatPage: "page",
    ConditionalOffer: "offer", Range: "range", Voucher: "voucher", VoucherSet: "voucher_set",
    WeightBased: "method", WeightBand: "band", Certification: "certification", Channel: "own_shop",
    Order: "madura_on_shopee",
}
#: ``pk`` where the view's model does not say what the pk is (function views, other models).
def _campaign(world):
    """A campaign (shop/campaigns) for the campaign pages: staff only, never an artisan's."""
    if "campaign" not in world:
        import datetime as dt

        from django.utils import timezone

        from shop.campaigns.models import Campaign

        world["campaign"] = Campaign.objects.create(
            name="Jatim Fair", slug="jatim-fair", starts_at=timezone.now(),
            ends_at=timezone.now() + dt.timedelta(days=1), discount_value=10)
    return world["campaign"].pk


PK_BY_URL_NAME = {
    "dashboard:campaign-detail": _campaign,
    "dashboard:campaign-update": _campaign,
    "dashboard:campaign-report-csv": _campaign,
    "dashboard:catalogue-class-update": lambda w: w["batik"].product_class_id,
    "dashboard:catalogue-class-delete": lambda w: w["batik"].product_class_id,
    "dashboard:partner-manage": lambda w: w["madura"].pk,
    "dashboard:artisan-profile-edit": lambda w: w["madura"].pk,
    "dashboard:offer-detail": lambda w: w["offer"].pk,
    "dashboard:offer-metadata": lambda w: w["offer"].pk,
    "dashboard:offer-condition": lambda w: w["offer"].pk,
    "dashboard:offer-benefit": lambda w: w["offer"].pk,
    "dashboard:offer-restrictions": lambda w: w["offer"].pk,
    "dashboard:range-products": lambda w: w["range"].pk,
    "dashboard:range-reorder": lambda w: w["range"].pk,
    "dashboard:voucher-set-detail": lambda w: w["voucher_set"].pk,
    "dashboard:shipping-method-detail": lambda w: w["method"].pk,
    "dashboard:shipping-method-band-delete": lambda w: w["band"].pk,
    "dashboard:curation-review": lambda w: w["batik"].pk,
    "dashboard:curation-product-submit": lambda w: w["batik"].pk,
    "dashboard:curation-product-archive": lambda w: w["batik"].pk,
    "dashboard:curation-revision-withdraw": lambda w: w["revision"].pk,
    "dashboard:certifications-update": lambda w: w["certification"].pk,
    "dashboard:certifications-scan": lambda w: w["certification"].pk,
    "dashboard:certifications-approve": lambda w: w["certification"].pk,
    "dashboard:certifications-reject": lambda w: w["certification"].pk,
    "dashboard:certifications-requirement-delete": lambda w: w["requirement"].pk,
    "dashboard:catalogue-import-detail": lambda w: w["product_import"].pk,
    "dashboard:catalogue-import-status": lambda w: w["product_import"].pk,
    "marketplace_dashboard:channel-detail": lambda w: w["own_shop"].pk,
    "marketplace_dashboard:channel-remove": lambda w: w["own_shop"].pk,
    "marketplace_dashboard:channel-sync": lambda w: w["own_shop"].pk,
    "marketplace_dashboard:channel-connect": lambda w: w["own_shop"].pk,
    "marketplace_dashboard:channel-connect-callback": lambda w: w["own_shop"].pk,
    "marketplace_dashboard:run-detail": lambda w: w["run"].pk,
    "marketplace_dashboard:product-channels": lambda w: w["batik"].pk,
    "marketplace_dashboard:review-resolve": lambda w: w["madura_on_shopee"].pk,
}


# --------------------------------------------------------------------------- walking the resolver


def dashboard_patterns():
    """(url name, keyword names, view class or None) of every pattern under /dashboard/."""
    found = []

    def walk(patterns, route, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, route + str(pattern.pattern), ns)
                continue
            full = (route + str(pattern.pattern)).replace("^", "")
            if not full.startswith("dashboard/"):
                continue
            keywords = list(getattr(pattern.pattern, "converters", {}) or {}) or list(pattern.pattern.regex.groupindex)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            found.append((name, full, keywords, getattr(pattern.callback, "view_class", None)))

    walk(get_resolver().url_patterns, "", None)
    return found


def view_model(view_class):
    model = getattr(view_class, "model", None)
    if model is None and getattr(view_class, "queryset", None) is not None:
        model = view_class.queryset.model
    return model


def fill(world, name, keywords, view_class, order):
    """The kwargs to reverse ``name`` with, or raise LookupError naming what is missing."""
    kwargs = {}
    for keyword in keywords:
        if keyword == "pk":
            if name in PK_BY_URL_NAME:
                kwargs["pk"] = PK_BY_URL_NAME[name](world)
            elif view_model(view_class) in PK_BY_MODEL:
                kwargs["pk"] = world[PK_BY_MODEL[view_model(view_class)]].pk
            else:
                raise LookupError(f"{name}: no value for 'pk' (view {view_class}, model {view_model(view_class)})")
        elif keyword in KWARG_FILLERS:
            kwargs[keyword] = KWARG_FILLERS[keyword](world, order)
        else:
            raise LookupError(f"{name}: no value for {keyword!r}")
    return kwargs


def test_every_dashboard_pattern_is_named_and_fillable(world):
    """Loud, not skipped: a pattern this walk cannot fill is a failure to fix here."""
    patterns = dashboard_patterns()
    assert len(patterns) > 80, "the walk found too few dashboard URLs: is the resolver walk broken?"
    problems = []
    for name, route, keywords, view_class in patterns:
        if not name:
            problems.append(f"{route}: unnamed pattern")
            continue
        try:
            reverse(name, kwargs=fill(world, name, keywords, view_class, world["madura_on_shopee"]))
        except Exception as exc:  # noqa: BLE001 - collect every problem, then fail once
            problems.append(f"{route}: {exc}")
    assert not problems, "Dashboard URLs this isolation test cannot fill:\n" + "\n".join(problems)


# --------------------------------------------------------------------------- what must not leak or change


def madura_markers(world):
    """Strings only Madura's business shows."""
    return [
        world["batik"].title, world["madura"].name, "madura@example.com", "Bagus Prakoso",
        world["madura_on_shopee"].number, "385.000", "400.000", world["madura"].whatsapp,
        "Toko Madura di Shopee", "Catatan rahasia Madura", "BM-MADURA-001", world["batik"].upc,
    ]


def _rows(queryset):
    return [tuple(sorted((k, str(v)) for k, v in row.items())) for row in queryset.order_by("pk").values()]


def snapshot(world):
    """A fingerprint of everything Gresik must not change: Madura's business and the gallery's setup."""
    madura, batik = world["madura"], world["batik"]
    madura_orders = Order.objects.filter(lines__partner=madura).distinct()
    parts = {
        "partner": _rows(Partner.objects.filter(pk=madura.pk)),
        "partner_users": sorted(madura.users.values_list("pk", flat=True)),
        "users": _rows(User.objects.filter(pk__in=[world["madura_user"].pk, world["buyer"].pk])),
        "products": _rows(Product.objects.filter(stockrecords__partner=madura)),
        "stock": _rows(StockRecord.objects.filter(partner=madura)),
        "stock_of_madura_products": _rows(StockRecord.objects.filter(product=batik)),
        "certifications": _rows(Certification.objects.filter(product=batik)),
        "categories": sorted(batik.categories.values_list("pk", flat=True)),
        "orders": _rows(Order.objects.filter(pk__in=madura_orders)),
        "lines": _rows(Line.objects.filter(partner=madura)),
        "notes": _rows(OrderNote.objects.filter(order__in=madura_orders)),
        "shipping_events": _rows(ShippingEvent.objects.filter(order__in=madura_orders)),
        "payment_events": _rows(PaymentEvent.objects.filter(order__in=madura_orders)),
        "addresses": _rows(ShippingAddress.objects.filter(order__in=madura_orders)),
        "channels": _rows(Channel.objects.all()),
        "runs": _rows(SyncRun.objects.filter(channel=world["own_shop"])),
    }
    for key in ("category", "option", "group", "page", "offer", "range", "voucher", "voucher_set", "method",
                "band", "event_type", "review", "alert", "revision", "requirement"):
        obj = world[key]
        parts[key] = _rows(type(obj).objects.filter(pk=obj.pk))
    parts["product_classes"] = _rows(ProductClass.objects.all())
    return hashlib.sha256(repr(sorted(parts.items())).encode()).hexdigest(), parts


def hostile_post(world, order):
    """Form data that would hurt Madura if any view accepted it from Gresik."""
    line = order.lines.get(partner=world["madura"])
    return {
        "title": "DIRETAS", "name": "DIRETAS", "description": "DIRETAS", "upc": "DIRETAS",
        "curation_state": "approved", "is_public": "on", "whatsapp": "+6280000000000", "language": "en",
        "email": "diretas@example.com", "first_name": "Diretas", "is_active": "", "is_staff": "on",
        "num_in_stock": "0", "price": "1", "partner": world["madura"].pk,
        "order_action": "change_order_status", "new_status": "Dibatalkan", "message": "DIRETAS",
        "line_action": "change_line_statuses", "selected_line": [line.pk], f"selected_line_qty_{line.pk}": 1,
        "action": "change_order_statuses", "selected_order": [order.pk], "selected_product": [world["batik"].pk],
        "line1": "DIRETAS", "line4": "DIRETAS", "postcode": "00000", "tracking_number": "DIRETAS",
        "code": "DIRETAS", "content": "DIRETAS", "url": "/diretas/", "enabled": "", "note": "DIRETAS",
    }


REFUSALS = {302, 400, 403, 404, 405}


def check_page(response, markers, what):
    if response.status_code in REFUSALS:
        return
    assert response.status_code == 200, f"{what}: unexpected {response.status_code}"
    body = response.content.decode(errors="replace")
    leaked = [marker for marker in markers if marker and marker in body]
    assert not leaked, f"{what} shows the other artisan's data: {leaked}"


@pytest.mark.parametrize("order_key", ["madura_on_shopee", "shared"],
                         ids=["madura-only-order", "order-shared-with-gresik"])
def test_an_artisan_reaches_nothing_of_another_artisan_on_any_dashboard_url(client, world, order_key):
    order = world[order_key]
    if order_key == "shared":
        # Gresik legitimately opens the shared order; only URLs that carry it are walked again.
        wanted = lambda keywords: "number" in keywords  # noqa: E731
    else:
        wanted = lambda keywords: True  # noqa: E731
    markers = madura_markers(world)
    before, parts_before = snapshot(world)
    client.force_login(world["gresik_user"])
    walked = 0
    for name, _route, keywords, view_class in dashboard_patterns():
        if name in NOT_REQUESTED or not wanted(keywords):
            continue
        url = reverse(name, kwargs=fill(world, name, keywords, view_class, order))
        check_page(client.get(url), markers, f"GET {url} ({name})")
        check_page(client.post(url, {}), markers, f"POST {url} ({name}) empty")
        check_page(client.post(url, hostile_post(world, order)), markers, f"POST {url} ({name}) hostile")
        after, parts_after = snapshot(world)
        changed = [key for key in parts_before if parts_before[key] != parts_after[key]]
        assert after == before, f"{name} ({url}) changed what Gresik must not touch: {changed}"
        # Still logged in as Gresik (no page may switch or end the session).
        assert int(client.session["_auth_user_id"]) == world["gresik_user"].pk, f"{name} changed the session"
        walked += 1
    assert walked >= (4 if order_key == "shared" else 80)


def test_a_pattern_with_an_unknown_keyword_fails_loudly(world):
    """What a new dashboard page with a keyword this file does not know runs into."""
    with pytest.raises(LookupError, match="decision_id"):
        fill(world, "dashboard:curation-decision", ["decision_id"], None, world["madura_on_shopee"])
    with pytest.raises(LookupError, match="'pk'"):
        fill(world, "dashboard:something-new", ["pk"], type("NewView", (), {"model": SyncRun}),
             world["madura_on_shopee"])
