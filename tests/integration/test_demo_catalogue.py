"""The demo catalogue loader, its idempotence, and what each demo role may open."""
import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image

from shop.accounts.roles import ARTISAN, CURATOR
from shop.demo import catalogue_data as data
from shop.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from shop.demo.services import demo_anchor_date, demo_catalogue_load

Category = get_model("catalogue", "Category")
Certification = get_model("catalogue", "Certification")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Region = get_model("catalogue", "Region")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
OrderStatusChange = get_model("order", "OrderStatusChange")
User = get_user_model()

SMALL = 96  # image side for the tests that do not look at the pictures

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    # Each test gets its own media folder: the loader reuses files it finds.
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def login_for(role, index=0):
    return [login for login in DEMO_LOGINS if login.role == role][index]


def snapshot():
    """Every row the loader writes, every column, including timestamps."""
    models = (Region, Category, ProductClass, Partner, Product, StockRecord, ProductImage, Certification,
              Country, UserAddress, User, Group, Order, Line, ShippingAddress,
              OrderStatusChange)
    rows = {}
    for model in models:
        rows[model._meta.label] = [
            {**model_to_dict(obj), **{f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}}
            for obj in model._default_manager.order_by("pk")
        ]
    rows["product categories"] = sorted(Product.categories.through.objects.values_list("product_id", "category_id"))
    rows["partner users"] = sorted(Partner.users.through.objects.values_list("partner_id", "user_id"))
    rows["user groups"] = sorted(User.groups.through.objects.values_list("user_id", "group_id"))
    rows["group permissions"] = sorted(Group.permissions.through.objects.values_list("group_id", "permission_id"))
    return rows


def test_full_load_meets_the_catalogue_numbers(media):
    call_command("load_demo_catalogue", verbosity=0)  # full-size images, once

    assert Partner.objects.exclude(region=None).count() >= 10
    assert Region.objects.filter(artisans__isnull=False).distinct().count() >= 6
    assert Region.objects.filter(province="Jawa Timur").count() == Region.objects.count()
    assert Product.objects.count() >= 60
    assert Category.objects.filter(depth=1, product__isnull=False).distinct().count() >= 6

    prices = list(StockRecord.objects.values_list("price", flat=True))
    assert min(prices) == Decimal(35_000) and max(prices) == Decimal(3_500_000)
    assert all(price == price.to_integral_value() for price in prices), "whole rupiah only"
    assert set(StockRecord.objects.values_list("price_currency", flat=True)) == {"IDR"}

    one_of_a_kind = Product.objects.filter(is_one_of_a_kind=True)
    assert one_of_a_kind.count() >= 3
    assert set(StockRecord.objects.filter(product__in=one_of_a_kind).values_list("num_in_stock", flat=True)) == {1}
    assert StockRecord.objects.filter(num_in_stock__gt=10).exists()

    # A piece sold in sizes is a parent whose children (the sizes) hold the stock records.
    pieces = Product.objects.exclude(structure=Product.CHILD)
    for product in pieces:
        assert product.story and product.story_en and product.story != product.story_en
        assert product.region_id and product.materials and product.technique
        records = StockRecord.objects.filter(product__parent=product) if product.is_parent else product.stockrecords
        assert records.count() == (3 if product.is_parent else 1)
        assert product.categories.count() == 1
    shirt = Product.objects.get(upc="GK-BKP-101")
    assert [c.title for c in shirt.children.order_by("pk")] == ["S", "M", "L"]
    assert all(child.stockrecords.count() == 1 and child.is_public for child in shirt.children.all())
    assert all(ProductClass.objects.values_list("track_stock", flat=True))

    certificates = list(Certification.objects.all())
    assert {c.kind for c in certificates} >= {"batikmark", "halal", "pirt", "sni"}
    assert any(c.expires_soon for c in certificates)
    assert any(c.expiry_date and c.expiry_date > timezone.localdate() + datetime.timedelta(days=60)
               for c in certificates)
    food = Product.objects.filter(categories__name="Kuliner")
    assert all({"halal", "pirt"} <= set(p.certifications.values_list("kind", flat=True)) for p in food)

    # Curation is visible: some products are not approved, and those are not browsable.
    states = set(Product.objects.values_list("curation_state", flat=True))
    assert states == {Product.DRAFT, Product.SUBMITTED, Product.APPROVED, Product.REJECTED}
    assert not Product.objects.browsable().exclude(curation_state=Product.APPROVED).exists()
    assert Product.objects.browsable().count() == pieces.filter(is_public=True).count() >= 60

    assert ProductImage.objects.count() == pieces.count()  # a variant shows its parent's photo
    for image in ProductImage.objects.all():
        assert default_storage.exists(image.original.name)
        with Image.open(image.original.path) as picture:
            assert picture.size == (800, 800)
    for partner in Partner.objects.all():
        assert partner.portrait and default_storage.exists(partner.portrait.name)
        assert partner.whatsapp.startswith("+62") and len(partner.nib) == 13
        partner.full_clean()  # the profile validators (WhatsApp, NIB) accept the demo data

    assert Country.objects.get(iso_3166_1_a2="ID").is_shipping_country


def test_second_run_changes_nothing(media):
    first = demo_catalogue_load(image_size=SMALL)
    assert first.changed
    before = snapshot()
    files_before = {path: path.stat().st_mtime_ns for path in media.rglob("*") if path.is_file()}

    second = demo_catalogue_load(image_size=SMALL)

    assert not second.changed, second.summary()
    assert snapshot() == before
    assert {path: path.stat().st_mtime_ns for path in media.rglob("*") if path.is_file()} == files_before


def test_reload_keeps_live_state_unless_reset(media):
    demo_catalogue_load(image_size=SMALL)
    product = Product.objects.get(upc="GK-KBT-005")  # submitted in the demo
    product.curation_state = Product.APPROVED
    product.save()
    record = product.stockrecords.get()
    record.num_in_stock = 0  # sold in the demo
    record.save()

    demo_catalogue_load(image_size=SMALL)
    product.refresh_from_db()
    record.refresh_from_db()
    assert (product.curation_state, product.is_public, record.num_in_stock) == (Product.APPROVED, True, 0)

    report = demo_catalogue_load(image_size=SMALL, reset=True)
    product.refresh_from_db()
    record.refresh_from_db()
    assert (product.curation_state, product.is_public, record.num_in_stock) == (Product.SUBMITTED, False, 2)
    assert report.updated == {"products": 1, "stock records": 1}


def test_content_follows_the_data_and_lost_files_come_back(media):
    demo_catalogue_load(image_size=SMALL)
    product = Product.objects.get(upc="GK-BTB-001")
    product.story_en = "edited"
    product.save()
    image = product.images.get()
    default_storage.delete(image.original.name)

    report = demo_catalogue_load(image_size=SMALL)

    product.refresh_from_db()
    assert product.story_en.startswith("The lok can motif")
    assert default_storage.exists(image.original.name)
    assert product.images.count() == 1
    assert report.files_written == 1


def test_expiry_dates_are_anchored_on_the_month():
    # Any day of a month gives the same anchor, so reruns that month agree;
    # "soon" certificates land 10-40 days ahead of every day of the month.
    assert demo_anchor_date(today=datetime.date(2025, 3, 31)) == datetime.date(2025, 3, 1)
    assert demo_anchor_date(today=datetime.date(2025, 3, 1)) == datetime.date(2025, 3, 1)
    soon_days = {c.expires_after_days for p in data.PRODUCTS for c in p.certifications} - {None}
    assert any(0 < days - 31 and days < Certification.EXPIRING_SOON_DAYS for days in soon_days)


def test_migration_creates_the_role_groups():
    # No loader here: a fresh database gets the roles from accounts' migration.
    curator = Group.objects.get(name=CURATOR)
    perms = {f"{p.content_type.app_label}.{p.codename}" for p in curator.permissions.select_related("content_type")}
    assert {"catalogue.change_product", "catalogue.add_category", "partner.change_stockrecord",
            "offer.change_conditionaloffer", "offer.change_range", "voucher.add_voucher",
            "order.view_order"} <= perms
    assert not {p for p in perms if p.startswith(("auth.", "flatpages.", "sites.", "shipping."))}
    assert "order.change_order" not in perms and "partner.change_partner" not in perms
    artisan = Group.objects.get(name=ARTISAN)
    assert [f"{p.content_type.app_label}.{p.codename}" for p in artisan.permissions.all()] == [
        "partner.dashboard_access"
    ]


@pytest.fixture
def demo(media):
    demo_catalogue_load(image_size=SMALL)


def client_for(client, login):
    assert client.login(username=login.email, password=DEMO_PASSWORD), login.email
    return client


def test_curator_pages(client, demo):
    client_for(client, login_for("curator"))
    product = Product.objects.get(upc="GK-KBT-005")
    for url in (
        reverse("dashboard:index"),
        reverse("dashboard:catalogue-product-list"),
        reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}),
        reverse("dashboard:catalogue-category-list"),
        reverse("dashboard:stock-alert-list"),
        reverse("dashboard:order-list"),
        reverse("dashboard:offer-list"),
        reverse("dashboard:range-list"),
        reverse("dashboard:voucher-list"),
    ):
        assert client.get(url).status_code == 200, url
    # Curators see every product, whatever its curation state.
    listing = client.get(reverse("dashboard:catalogue-product-list"))
    assert len(listing.context["products"].data) == len(data.PRODUCTS)
    for url in (
        reverse("dashboard:users-index"),
        reverse("dashboard:partner-list"),
        reverse("dashboard:page-list"),
        reverse("dashboard:shipping-method-list"),
        reverse("dashboard:comms-list"),
    ):
        assert client.get(url).status_code == 403, url


def test_artisan_pages(client, demo):
    login = login_for("artisan")
    client_for(client, login)
    user = User.objects.get(email=login.email)
    assert not user.is_staff and user.has_perm("partner.dashboard_access")
    assert list(user.partners.values_list("code", flat=True)) == [login.artisan]

    for url in (reverse("dashboard:index"), reverse("dashboard:order-list")):
        assert client.get(url).status_code == 200, url
    listing = client.get(reverse("dashboard:catalogue-product-list"))
    assert listing.status_code == 200
    own = Product.objects.filter(stockrecords__partner__code=login.artisan)
    listed = {record.pk for record in listing.context["products"].data}  # the table's unpaginated rows
    assert listed == set(own.values_list("pk", flat=True)) and len(listed) == 6
    other = Product.objects.exclude(stockrecords__partner__code=login.artisan).first()
    assert client.get(reverse("dashboard:catalogue-product", kwargs={"pk": other.pk})).status_code == 404
    for url in (reverse("dashboard:users-index"), reverse("dashboard:catalogue-category-list"),
                reverse("dashboard:offer-list")):
        assert client.get(url).status_code == 403, url


def test_buyer_and_admin(client, demo):
    client_for(client, login_for("buyer"))
    assert client.get(reverse("dashboard:index")).status_code == 403
    assert client.get(reverse("dashboard:catalogue-product-list")).status_code == 403
    buyer = User.objects.get(email=login_for("buyer").email)
    assert buyer.addresses.get().country_id == "ID"
    client.logout()

    client_for(client, login_for("admin"))
    for url in (reverse("dashboard:index"), reverse("dashboard:users-index"), reverse("dashboard:partner-list")):
        assert client.get(url).status_code == 200, url


def test_demo_banner_lists_every_login(capsys):
    call_command("demo_banner", url="http://127.0.0.1:8123/")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8123/" in out
    for login in DEMO_LOGINS:
        assert login.email in out
    assert DEMO_PASSWORD in out
    # Email links point where the demo runs.
    from django.contrib.sites.models import Site
    assert Site.objects.get_current().domain == "127.0.0.1:8123"


def test_loader_refuses_production_settings(settings):
    settings.SETTINGS_MODULE = "shop.settings.production"
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo_catalogue", verbosity=0)
    assert not Product.objects.exists()


# --- the seeded order history -------------------------------------------------------

SITI, FAUZI = "batik-gentongan-tanjungbumi", "tenun-parengan"


def stock(upc):
    record = StockRecord.objects.get(partner_sku=upc)
    return record.num_in_stock, record.num_allocated or 0


def test_demo_orders_make_a_month_of_history(media):
    before = timezone.now()
    report = demo_catalogue_load(image_size=SMALL)

    assert report.created["demo orders"] == len(data.DEMO_ORDERS) >= 6
    orders = Order.objects.filter(number__startswith="GK-DEMO-")
    assert orders.count() == len(data.DEMO_ORDERS)
    buyer = User.objects.get(email=login_for("buyer").email)
    for order in orders:
        assert order.user == buyer and order.channel is None and order.currency == "IDR"
        assert before - datetime.timedelta(days=30) < order.date_placed < before
        assert set(order.lines.values_list("status", flat=True)) == {order.status}
        lines_total = sum(line.line_price_incl_tax for line in order.lines.all())
        parcels = order.lines.values("partner").distinct().count()
        assert order.shipping_incl_tax == data.DEMO_ORDER_PARCEL_FEE * parcels
        assert order.total_incl_tax == lines_total + order.shipping_incl_tax
        address = order.shipping_address
        assert (address.state, address.line4, address.line3, str(address.phone_number), address.country_id) == (
            "ID-JI", "Kota Surabaya", "Genteng", "+6281234567890", "ID")
    assert {"Baru", "Diproses", "Dikirim", "Selesai", "Dibatalkan"} == set(orders.values_list("status", flat=True))
    completed = Order.objects.get(number="GK-DEMO-001")
    history = list(completed.status_changes.order_by("date_created").values_list("old_status", "new_status"))
    assert history == [("Baru", "Diproses"), ("Diproses", "Dikirim"), ("Dikirim", "Selesai")]
    assert all(completed.date_placed < c.date_created < before for c in completed.status_changes.all())
    assert not Order.objects.get(number="GK-DEMO-008").status_changes.exists()
    assert {SITI, FAUZI} <= set(Line.objects.values_list("partner__code", flat=True))
    # Stock follows each order's status: open orders hold units, shipped ones took them,
    # the cancelled one gave its unit back; no one-of-a-kind piece was sold.
    assert stock("GK-BTB-004") == (6 - 1, 1)  # one shipped (005), one waiting (007)
    assert stock("GK-BTB-003") == (4 - 1, 0)  # one completed (001), one cancelled (004)
    assert stock("GK-TPL-003") == (14, 1)  # being prepared (006)
    assert not Line.objects.filter(product__is_one_of_a_kind=True).exists()
    cancelled = Line.objects.get(order__number="GK-DEMO-004")
    assert cancelled.allocation_cancelled and cancelled.num_allocated == 0
    assert set(
        Line.objects.filter(order__status__in=["Dikirim", "Selesai"]).values_list("num_allocated", flat=True)
    ) == {0}


def test_seeding_orders_tells_nobody(media, monkeypatch, mailoutbox, django_capture_on_commit_callbacks):
    from oscar.apps.order.signals import order_placed

    from shop.order import tasks

    queued, placed = [], []
    monkeypatch.setattr(tasks.notify_artisans_of_order, "delay", lambda *args, **kwargs: queued.append(args))
    def on_placed(**kwargs):
        placed.append(kwargs["order"])
    order_placed.connect(on_placed, dispatch_uid="test-demo-orders")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            demo_catalogue_load(image_size=SMALL)
    finally:
        order_placed.disconnect(dispatch_uid="test-demo-orders")
    assert Order.objects.exists()
    assert (queued, placed, mailoutbox) == ([], [], [])


def test_overview_counts_each_artisan_own_lines_only(media):
    from shop.dashboard.selectors import artisan_overview

    demo_catalogue_load(image_size=SMALL)
    siti = artisan_overview(user=User.objects.get(partners__code=SITI))
    fauzi = artisan_overview(user=User.objects.get(partners__code=FAUZI))

    # The shared order: Rp 835.000 of pieces, each artisan sees their own part.
    shared = Order.objects.get(number="GK-DEMO-007")
    assert sum(line.line_price_incl_tax for line in shared.lines.all()) == Decimal(835_000)
    [siti_todo] = siti["orders_to_prepare"]
    assert (siti_todo.order, siti_todo.pieces, siti_todo.subtotal) == (shared, 1, Decimal(450_000))
    [fauzi_todo] = fauzi["orders_to_prepare"]
    assert (fauzi_todo.order, fauzi_todo.pieces, fauzi_todo.subtotal) == (shared, 1, Decimal(385_000))
    assert [todo.order.number for todo in fauzi["orders_to_ship"]] == ["GK-DEMO-006"]

    # Last 30 days on the storefront: the cancelled order does not count.
    storefront = siti["sales"][0]
    assert (storefront.orders, storefront.pieces, storefront.revenue) == (3, 3, Decimal(1_750_000))
    storefront = fauzi["sales"][0]
    assert (storefront.orders, storefront.pieces, storefront.revenue) == (3, 5, Decimal(1_675_000))
    assert siti["sales_chart"]["revenue"][0] == 1_750_000 and siti["sales_total"] == Decimal(1_750_000)


def test_reset_keeps_the_stock_the_seeded_orders_left(media):
    demo_catalogue_load(image_size=SMALL)
    before = {record.pk: (record.num_in_stock, record.num_allocated) for record in StockRecord.objects.all()}
    report = demo_catalogue_load(image_size=SMALL, reset=True)
    assert not report.changed, report.summary()
    assert {record.pk: (record.num_in_stock, record.num_allocated) for record in StockRecord.objects.all()} == before


def test_marketplace_demo_setup_seeds_past_marketplace_orders_once(media, monkeypatch, mailoutbox,
                                                                   django_capture_on_commit_callbacks):
    from marketplace_sync.demo import DEMOS, PAST_ORDERS, demo_channel_setup
    from marketplace_sync.models import Channel, ImportedOrder
    from marketplace_sync.services.listings import channel_price
    from shop.dashboard.selectors import artisan_overview
    from shop.order import tasks

    queued = []
    monkeypatch.setattr(tasks.notify_artisans_of_order, "delay", lambda *args, **kwargs: queued.append(args))
    demo_catalogue_load(image_size=SMALL)
    stock_before = stock("GK-BTB-004")
    nowhere = "http://127.0.0.1:9"  # no simulator: setup still works, it only notes it
    with django_capture_on_commit_callbacks(execute=False):
        first = [demo_channel_setup(kind=kind, api_base_url=nowhere) for kind in sorted(DEMOS)]
        second = [demo_channel_setup(kind=kind, api_base_url=nowhere) for kind in sorted(DEMOS)]

    expected = sum(len(seeds) for seeds in PAST_ORDERS.values())
    assert 2 <= expected <= 4 and sum(r.orders_seeded for r in first) == expected
    assert sum(r.orders_seeded for r in second) == 0
    links = ImportedOrder.objects.select_related("order", "channel")
    assert links.count() == expected
    for link in links:
        assert link.remote_order_id.startswith("DEMO-") and link.state == ImportedOrder.IMPORTED
        assert (link.order.channel, link.order.remote_order_number) == (link.channel, link.remote_order_id)
        assert link.order.user is None and link.order.shipping_address.state.startswith("ID-")
    assert Order.objects.filter(channel__isnull=False).count() == expected
    assert stock("GK-BTB-004") == (stock_before[0] - 1, stock_before[1])  # the Shopee sale shipped
    assert queued == [] and mailoutbox == []

    # Siti's overview gets a Shopee row at Shopee's (marked-up) price.
    shopee = Channel.objects.get(kind=Channel.SHOPEE)
    siti = artisan_overview(user=User.objects.get(partners__code=SITI))
    row = next(row for row in siti["sales"] if row.channel == shopee.name)
    assert (row.orders, row.pieces) == (1, 1)
    assert row.revenue == channel_price(channel=shopee, base_price=Decimal(450_000)) > Decimal(450_000)


def test_a_generated_file_written_meanwhile_by_another_load_is_kept(settings, tmp_path, monkeypatch):
    """Two loads at once (test workers share MEDIA_ROOT) both find a file missing and
    both save it: the second keeps the first one's file, not a renamed copy."""
    from django.core.files.storage import default_storage

    from shop.demo import services

    settings.MEDIA_ROOT = str(tmp_path)
    name = "demo/campaigns/race.jpg"
    (tmp_path / "demo" / "campaigns").mkdir(parents=True)
    (tmp_path / name).write_bytes(b"first")
    exists, asked = default_storage.exists, []

    def checked_before_the_other_load_wrote(path):  # the first check only
        asked.append(path)
        return False if len(asked) == 1 else exists(path)

    monkeypatch.setattr(default_storage, "exists", checked_before_the_other_load_wrote)
    report = services.LoadReport()
    services._file_ensure(name=name, render=lambda: b"second", report=report)
    assert sorted(p.name for p in (tmp_path / "demo" / "campaigns").iterdir()) == ["race.jpg"]
    assert (tmp_path / name).read_bytes() == b"first" and report.files_written == 0
