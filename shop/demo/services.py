"""Load the demo catalogue idempotently.

Every row is found by a stable key (region slug, top-level category name,
partner code, product UPC / partner SKU, certificate number, user email) and
written only when a value differs, so a second run performs no write at all:
no ``date_updated`` moves, no image is added twice, no password is re-hashed.

Two kinds of values:
- *content* (titles, stories, prices, certificates, images, logins) follows the
  data module on every run;
- *live state* that the running shop changes (stock on hand, curation state)
  is set when the row is created and left alone afterwards, so `make run`
  (which loads the demo each time) keeps a sale made or a product approved in
  the demo. ``reset=True`` puts the live state back to the demo values too.
"""
from __future__ import annotations

import datetime
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from oscar.core.loading import get_model

from shop.accounts.roles import ARTISAN, CURATOR, role_groups_sync
from shop.certifications.models import CraftCertificationRequirement
from shop.certifications.services import products_certification_hold_refresh
from shop.partner.stock import InsufficientStock

from . import catalogue_data as data
from . import shipping_data
from .campaigns import demo_campaigns_ensure
from .images import portrait_render, product_image_render
from .logins import DEMO_LOGINS, DemoLogin
from .orders import CONSUMED_STATUSES, DemoAddress, demo_order_ensure, demo_order_placed_at

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
User = get_user_model()

DEFAULT_IMAGE_SIZE = 800
PRODUCT_IMAGE_DIR = "demo/products"
PORTRAIT_DIR = "demo/artisans"


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    files_written: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.files_written)

    def summary(self) -> str:
        if not self.changed:
            return "Demo catalogue already up to date: nothing changed."
        parts = [f"created {n} {name}" for name, n in sorted(self.created.items())]
        parts += [f"updated {n} {name}" for name, n in sorted(self.updated.items())]
        if self.files_written:
            parts.append(f"wrote {self.files_written} image files")
        return "Demo catalogue loaded: " + ", ".join(parts) + "."


def demo_anchor_date(*, today: datetime.date | None = None) -> datetime.date:
    """The date certificate expiries are computed from: the 1st of this month.

    Expiries must be relative to "now" (some should always be expiring soon)
    yet stable, or a second run would move them. Anchoring on the first of the
    month gives the same dates for every run within a month; a run in a later
    month moves them forward once, keeping the demo's "expiring soon" true.
    """
    return (today or timezone.localdate()).replace(day=1)


def demo_catalogue_load(
    *, image_size: int = DEFAULT_IMAGE_SIZE, reset: bool = False, today: datetime.date | None = None
) -> LoadReport:
    """Create or bring up to date the whole demo: roles, catalogue, artisans, logins."""
    report = LoadReport()
    anchor = demo_anchor_date(today=today)
    with transaction.atomic():
        groups = role_groups_sync()
        _country_indonesia_ensure(report=report)
        regions = {seed.slug: _region_upsert(seed=seed, report=report) for seed in data.REGIONS}
        categories = {seed.name: _category_upsert(seed=seed, report=report) for seed in data.CATEGORIES}
        _certification_requirements_ensure(categories=categories, reset=reset, report=report)
        classes = {
            name: _upsert(ProductClass, report=report, lookup={"name": name},
                          values={"requires_shipping": True, "track_stock": True})
            for name in (data.PRODUCT_CLASS_CRAFT, data.PRODUCT_CLASS_FOOD)
        }
        artisans = {
            seed.code: _artisan_upsert(seed=seed, region=regions[seed.region], image_size=image_size, report=report)
            for seed in data.ARTISANS
        }
        # On reset the demo's stock is what its seeded past orders left (they are not
        # re-placed), so a reset on an untouched demo changes nothing.
        sold = _demo_orders_consumed() if reset else {}
        for seed in data.PRODUCTS:
            _product_upsert(
                seed=seed,
                category=categories[seed.category],
                product_class=classes[
                    data.PRODUCT_CLASS_FOOD if seed.category == data.FOOD_CATEGORY else data.PRODUCT_CLASS_CRAFT
                ],
                artisan=artisans[seed.artisan],
                anchor=anchor,
                image_size=image_size,
                reset=reset,
                report=report,
                sold=sold.get(seed.upc, 0),
            )
        _shipping_demo_ensure(categories=categories, artisans=artisans, report=report)
        users = [
            _demo_user_upsert(login=login, groups=groups, artisans=artisans, report=report) for login in DEMO_LOGINS
        ]
        _demo_passwords_ensure(users=users, report=report)
        _demo_orders_ensure(users=users, report=report)
        # Campaigns (shop/campaigns): a running Jatim Fair, an upcoming Hari Batik Nasional, voucher KRIYA10.
        demo_campaigns_ensure(report=report, today=today)
        # Certificates and requirements are in place: hold what lacks one (writes nothing if none changes).
        for change in products_certification_hold_refresh():
            report.updated["held products" if change.held else "released products"] += 1
    return report


# --- generic upsert ------------------------------------------------------------


def _upsert(model, *, report: LoadReport, lookup: dict, values: dict, initial: dict | None = None,
            reset: bool = False):
    """Get by ``lookup``; create with values+initial, or save only the differing values.

    ``initial`` holds live state: applied on creation, and on update only with
    ``reset``. Values use attribute names (``region_id``), so comparing never
    loads a related row.
    """
    initial = initial or {}
    obj = model._default_manager.filter(**lookup).first()
    with translation.override("en"):
        label = str(model._meta.verbose_name_plural).lower()
    if obj is None:
        obj = model(**lookup, **values, **initial)
        obj.save()
        report.created[label] += 1
        return obj
    wanted = {**values, **(initial if reset else {})}
    changed = [name for name, value in wanted.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, wanted[name])
        # A full save (not update_fields): model save() hooks such as
        # Product.is_public following curation_state must run.
        obj.save()
        report.updated[label] += 1
    return obj


def _file_ensure(*, name: str, render, report: LoadReport) -> None:
    """Write a generated file under MEDIA_ROOT unless it is already there."""
    if default_storage.exists(name):
        return
    saved = default_storage.save(name, ContentFile(render()))
    if saved != name:
        # Another load wrote the same generated file between the check and the
        # save (two at once, e.g. test workers sharing MEDIA_ROOT): the rows
        # point at ``name``, so keep that one and drop the renamed copy.
        default_storage.delete(saved)
        return
    report.files_written += 1


# --- the pieces ------------------------------------------------------------------


def _country_indonesia_ensure(*, report: LoadReport):
    # Oscar's checkout only offers shipping to countries flagged as shipping
    # countries; with none, the shipping address form has no valid choice.
    return _upsert(
        Country, report=report, lookup={"iso_3166_1_a2": "ID"},
        values={
            "iso_3166_1_a3": "IDN",
            "iso_3166_1_numeric": "360",
            "printable_name": "Indonesia",
            "name": "Republic of Indonesia",
            "is_shipping_country": True,
        },
    )


def _region_upsert(*, seed: data.RegionSeed, report: LoadReport):
    return _upsert(
        Region, report=report, lookup={"slug": seed.slug},
        values={
            "name": seed.name,
            "kind": seed.kind,
            "province": "Jawa Timur",
            "description": seed.description,
            "description_en": seed.description_en,
        },
    )


def _category_upsert(*, seed: data.CategorySeed, report: LoadReport):
    name_en, description_en = data.CATEGORIES_EN.get(seed.name, ("", ""))
    category = Category.objects.get_root_nodes().filter(name=seed.name).first()
    if category is None:
        # treebeard's add_root, not a plain save: it computes path and depth.
        category = Category.objects.add_root(instance=Category(
            name=seed.name, description=seed.description, name_en=name_en, description_en=description_en,
        ))
        report.created["categories"] += 1
        return category
    return _upsert(Category, report=report, lookup={"pk": category.pk}, values={
        "description": seed.description, "name_en": name_en, "description_en": description_en,
    })


def _certification_requirements_ensure(*, categories: dict, reset: bool, report: LoadReport) -> None:
    """Seed what each demo craft requires, once: a curator's later change in the demo stays.

    Seeded when the craft has no requirement rows at all (a new category, or a
    database from before requirements existed) or on ``reset``.
    """
    for name, kinds in data.CERTIFICATION_REQUIREMENTS.items():
        category = categories[name]
        existing = set(CraftCertificationRequirement.objects.filter(category=category).values_list("kind", flat=True))
        if existing and not reset:
            continue
        for kind in set(kinds) - existing:
            CraftCertificationRequirement.objects.create(category=category, kind=kind)
            report.created["certification requirements"] += 1


def _artisan_upsert(*, seed: data.ArtisanSeed, region, image_size: int, report: LoadReport):
    partner = _upsert(
        Partner, report=report, lookup={"code": seed.code},
        values={
            "name": seed.name,
            "slug": seed.code,
            "maker_name": seed.maker_name,
            "region_id": region.pk,
            "bio": seed.bio,
            "bio_en": seed.bio_en,
            "story": seed.story,
            "story_en": seed.story_en,
            "whatsapp": seed.whatsapp,
            "nib": seed.nib,
        },
    )
    partner.region = region  # cache it: product images print the region name
    initials = "".join(word[0] for word in seed.maker_name.replace(".", "").split()[:2]).upper()
    name = f"{PORTRAIT_DIR}/{seed.code}.jpg"

    def render() -> bytes:
        return portrait_render(key=seed.code, initials=initials, palette=seed.palette, size=max(200, image_size // 2))

    if not partner.portrait:
        _file_ensure(name=name, render=render, report=report)
        partner.portrait.name = name
        partner.save()
        report.updated["artisan portraits"] += 1
    elif partner.portrait.name == name:
        # The row survived but the media folder did not (e.g. a cleaned var/).
        _file_ensure(name=name, render=render, report=report)
    return partner


def _product_upsert(*, seed: data.ProductSeed, category, product_class, artisan, anchor: datetime.date,
                    image_size: int, reset: bool, report: LoadReport, sold: int = 0):
    product = _upsert(
        Product, report=report, lookup={"upc": seed.upc},
        values={
            "structure": Product.PARENT if seed.variants else Product.STANDALONE,
            "title": seed.title,
            # Materials and technique have their own fields in both languages;
            # a description repeating them would only ever be in one.
            "description": "",
            "product_class_id": product_class.pk,
            "region_id": artisan.region_id,
            "materials": seed.materials,
            "materials_en": data.MATERIALS_EN.get(seed.materials, ""),
            "technique": seed.technique,
            "technique_en": data.TECHNIQUE_EN.get(seed.technique, ""),
            "story": seed.story,
            "story_en": seed.story_en,
            "export_ready": seed.export_ready,
            "is_one_of_a_kind": seed.one_of_a_kind,
            "lead_time_days": seed.lead_time_days,
            **_shipping_size(seed.upc),
        },
        initial={"curation_state": seed.curation_state},
        reset=reset,
    )
    if set(product.categories.values_list("pk", flat=True)) != {category.pk}:
        product.categories.set([category])
        report.updated["product categories"] += 1

    if seed.variants:
        _variants_upsert(seed=seed, parent=product, artisan=artisan, reset=reset, report=report)
    else:
        _upsert(
            StockRecord, report=report, lookup={"partner_id": artisan.pk, "partner_sku": seed.upc},
            values={
                "product_id": product.pk,
                "price_currency": "IDR",
                "price": Decimal(seed.price),
                # One-of-a-kind pieces need no alert: selling the one is the point.
                "low_stock_threshold": None if seed.one_of_a_kind else (
                    5 if seed.category == data.FOOD_CATEGORY else 2),
            },
            initial={"num_in_stock": seed.stock - sold},
            reset=reset,
        )

    for cert in seed.certifications:
        expiry = None if cert.expires_after_days is None else anchor + datetime.timedelta(days=cert.expires_after_days)
        _upsert(
            Certification, report=report,
            lookup={"product_id": product.pk, "kind": cert.kind, "number": cert.number},
            values={"expiry_date": expiry},
            # The council checked the demo's certificates; a curator's later
            # rejection in the demo is live state and stays.
            initial={"review_status": Certification.APPROVED},
            reset=reset,
        )

    name = f"{PRODUCT_IMAGE_DIR}/{seed.upc.lower()}.jpg"

    def render() -> bytes:
        region = artisan.region
        return product_image_render(
            key=seed.upc, category=seed.category, title=seed.title,
            subtitle=f"{artisan.name} \u00b7 {region.name}", palette=_palette(seed.artisan), size=image_size,
        )

    images = list(product.images.all())
    if not images:
        _file_ensure(name=name, render=render, report=report)
        ProductImage.objects.create(product=product, original=name, caption=seed.title, display_order=0)
        report.created["product images"] += 1
    elif any(image.original.name == name for image in images):
        _file_ensure(name=name, render=render, report=report)
    return product


def _variants_upsert(*, seed: data.ProductSeed, parent, artisan, reset: bool, report: LoadReport) -> None:
    """One child per option (title = the option buyers pick), each with its own stock record.

    Children carry no curation of their own: ``Product.save`` copies the parent's.
    """
    for option, price, stock in seed.variants:
        upc = f"{seed.upc}-{option}"
        child = _upsert(Product, report=report, lookup={"upc": upc},
                        values={"structure": Product.CHILD, "parent_id": parent.pk, "title": option})
        _upsert(
            StockRecord, report=report, lookup={"partner_id": artisan.pk, "partner_sku": upc},
            values={"product_id": child.pk, "price_currency": "IDR", "price": Decimal(price),
                    "low_stock_threshold": 1},
            initial={"num_in_stock": stock},
            reset=reset,
        )


def _palette(artisan_code: str) -> tuple[str, ...]:
    return next(seed.palette for seed in data.ARTISANS if seed.code == artisan_code)


def _demo_passwords_ensure(*, users: list, report: LoadReport) -> None:
    """Give each demo user the printed password, re-hashing only when it no longer works.

    set_password salts afresh, so calling it every run would change the row.
    Checking costs one PBKDF2 each (about half a second); hashlib releases the
    GIL, so the checks run side by side.
    """
    passwords = {login.email.lower(): login.password for login in DEMO_LOGINS}
    with ThreadPoolExecutor(max_workers=len(users) or 1) as pool:
        valid = list(pool.map(lambda user: check_password(passwords[user.email.lower()], user.password), users))
    for user, ok in zip(users, valid, strict=True):
        if not ok:
            user.set_password(passwords[user.email.lower()])
            user.save(update_fields=["password"])
            report.updated["passwords"] += 1


def _demo_user_upsert(*, login: DemoLogin, groups: dict, artisans: dict, report: LoadReport):
    existing = User.objects.filter(email__iexact=login.email).first()
    lookup = {"pk": existing.pk} if existing else {"email": login.email}
    user = _upsert(
        User, report=report, lookup=lookup,
        values={
            "username": login.username,
            "first_name": login.first_name,
            "last_name": login.last_name,
            "is_active": True,
            "is_superuser": login.role == "admin",
            # Curators need is_staff for Oscar's dashboard index; artisans
            # must not have it, or Oscar stops scoping views to their partner.
            "is_staff": login.role in ("admin", "curator"),
        },
    )
    group_name = {"curator": CURATOR, "artisan": ARTISAN}.get(login.role)
    if group_name and not user.groups.filter(pk=groups[group_name].pk).exists():
        user.groups.add(groups[group_name])
        report.updated["role memberships"] += 1
    if login.artisan:
        partner = artisans[login.artisan]
        if not partner.users.filter(pk=user.pk).exists():
            partner.users.add(user)
            report.updated["artisan users"] += 1
    if login.role == "buyer" and not UserAddress.objects.filter(user=user).exists():
        UserAddress.objects.create(
            user=user, **asdict(_buyer_address(login)), country_id="ID",
            is_default_for_shipping=True,
            is_default_for_billing=True,
        )
        report.created["buyer addresses"] += 1
    return user


def _buyer_address(login: DemoLogin) -> DemoAddress:
    return DemoAddress(
        first_name=login.first_name, last_name=login.last_name, line1="Jl. Tunjungan No. 12", line3="Genteng",
        line4="Kota Surabaya", state="ID-JI", postcode="60261", phone_number="+6281234567890",
    )


# --- order history ----------------------------------------------------------------


def _demo_orders_ensure(*, users: list, report: LoadReport) -> None:
    """The demo buyer's past storefront orders (see ``data.DEMO_ORDERS``), each created once."""
    login = next(login for login in DEMO_LOGINS if login.role == "buyer")
    buyer = next(user for user in users if user.email.lower() == login.email.lower())
    records = {
        record.partner_sku: record
        for record in StockRecord.objects.filter(
            partner_sku__in={upc for seed in data.DEMO_ORDERS for upc, _quantity in seed.lines}
        ).select_related("partner", "product")
    }
    now = timezone.now()
    for seed in data.DEMO_ORDERS:
        try:
            _order, created = demo_order_ensure(
                number=seed.number, status=seed.status, user=buyer,
                placed_at=demo_order_placed_at(days_ago=seed.days_ago, hour=seed.hour, now=now),
                lines=[(records[upc], quantity) for upc, quantity in seed.lines],
                address=_buyer_address(login), parcel_fee=Decimal(data.DEMO_ORDER_PARCEL_FEE),
            )
        except InsufficientStock:
            # A demo database older than the seeded history sold these units for
            # real: its own sales tell the story, the seed steps aside.
            continue
        if created:
            report.created["demo orders"] += 1


def _demo_orders_consumed() -> dict[str, int]:
    """Units of each product (by UPC) the seeded past orders took out of stock."""
    Line = get_model("order", "Line")
    rows = (
        Line.objects.filter(order__number__in=[seed.number for seed in data.DEMO_ORDERS],
                            order__channel__isnull=True, status__in=CONSUMED_STATUSES)
        .values("partner_sku").annotate(units=Sum("quantity"))
    )
    return {row["partner_sku"]: row["units"] for row in rows}


# --- shipping (rates) -----------------------------------------------------------


def _shipping_size(upc: str) -> dict:
    weight, length, width, height = shipping_data.PRODUCT_SIZES[upc]
    return {"weight_grams": weight, "length_cm": length, "width_cm": width, "height_cm": height}


def _shipping_demo_ensure(*, categories: dict, artisans: dict, report: LoadReport) -> None:
    """Wooden crates for fragile crafts, and each workshop's address (the parcels' origin)."""
    WoodenCrateRule = get_model("shipping", "WoodenCrateRule")
    PartnerAddress = get_model("partner", "PartnerAddress")
    Country = get_model("address", "Country")
    for name, (weight, fee) in shipping_data.WOODEN_CRATES.items():
        _upsert(WoodenCrateRule, report=report, lookup={"category_id": categories[name].pk},
                values={"extra_weight_grams": weight, "fee": Decimal(fee)})
    country = Country.objects.get(iso_3166_1_a2="ID")
    for code, partner in artisans.items():
        _upsert(
            PartnerAddress, report=report, lookup={"partner_id": partner.pk},
            values={"line1": partner.name, "line4": partner.region.name, "state": "ID-JI",
                    "postcode": shipping_data.ARTISAN_POSTCODES[code], "country_id": country.pk},
        )
