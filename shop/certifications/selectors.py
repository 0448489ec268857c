"""Reads: which certificates count, what a craft requires, what a person may see."""
from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from oscar.core.loading import get_model

from shop.certifications.models import CraftCertificationRequirement

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Certification = get_model("catalogue", "Certification")
StockRecord = get_model("partner", "StockRecord")

REMINDER_DAYS = (30, 7)


def certifications_valid(*, today: datetime.date | None = None) -> QuerySet:
    """Certificates that count: approved by a curator and not past their expiry date."""
    today = today or timezone.localdate()
    return Certification.objects.filter(review_status=Certification.APPROVED).filter(
        Q(expiry_date__isnull=True) | Q(expiry_date__gte=today)
    )


def _ancestor_paths(path: str) -> list[str]:
    step = Category.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def requirements_by_path() -> dict[str, set[str]]:
    """Category path -> the kinds that category requires itself (few rows: read them all)."""
    required = defaultdict(set)
    for path, kind in CraftCertificationRequirement.objects.values_list("category__path", "kind"):
        required[path].add(kind)
    return required


def products_missing_certifications(
    *, product_ids=None, today: datetime.date | None = None
) -> dict[int, set[str]]:
    """Product id -> the required kinds it holds no valid certificate of (products lacking none are absent).

    A craft category's requirement applies to its whole subtree, so a product
    in a sub-category of Kuliner needs what Kuliner needs. Costs three queries
    whatever the number of products.
    """
    required_at = requirements_by_path()
    if not required_at:
        return {}
    links = Product.categories.through.objects.all()
    if product_ids is not None:
        links = links.filter(product_id__in=product_ids)
    else:
        # Only products under a category that requires something can miss anything.
        under = Q()
        for path in required_at:
            under |= Q(category__path__startswith=path)
        links = links.filter(under)
    required = defaultdict(set)
    for product_id, path in links.values_list("product_id", "category__path"):
        for ancestor in _ancestor_paths(path):
            required[product_id] |= required_at.get(ancestor, set())
    required = {pk: kinds for pk, kinds in required.items() if kinds}
    if not required:
        return {}
    held = defaultdict(set)
    for product_id, kind in certifications_valid(today=today).filter(product_id__in=required).values_list(
        "product_id", "kind"
    ):
        held[product_id].add(kind)
    missing = {pk: kinds - held[pk] for pk, kinds in required.items()}
    return {pk: kinds for pk, kinds in missing.items() if kinds}


def product_required_kinds(*, product) -> set[str]:
    required_at = requirements_by_path()
    kinds = set()
    for path in product.categories.values_list("path", flat=True):
        for ancestor in _ancestor_paths(path):
            kinds |= required_at.get(ancestor, set())
    return kinds


def products_held_on_sale() -> QuerySet:
    """Products curators approved that are off sale only for a missing certificate."""
    return (
        Product.objects.filter(parent__isnull=True, certification_held=True, curation_state=Product.APPROVED)
        .order_by("title", "pk")
    )


# --- who sees what -------------------------------------------------------------------


def user_sees_all_certifications(user) -> bool:
    """Curators and admins (staff with the permission) see every product's certificates."""
    return bool(user.is_staff and user.has_perm("catalogue.view_certification"))


def products_for_user(*, user) -> QuerySet:
    """The products whose certificates ``user`` may see and add to: an artisan's own only."""
    products = Product.objects.filter(parent__isnull=True)
    if user_sees_all_certifications(user):
        return products
    own = StockRecord.objects.filter(partner__users=user).values("product_id")
    return products.filter(pk__in=own)


def certifications_for_user(*, user) -> QuerySet:
    return Certification.objects.filter(product__in=products_for_user(user=user))


def certifications_listed(*, user) -> QuerySet:
    """Certificates ``user`` may see, with their product and reviewer, newest products first."""
    return (
        certifications_for_user(user=user)
        .select_related("product", "reviewed_by")
        .order_by("product__title", "product_id", "kind", "-expiry_date")
    )


def certifications_pending() -> QuerySet:
    return (
        Certification.objects.filter(review_status=Certification.PENDING)
        .select_related("product")
        .order_by("date_created", "pk")
    )


def certifications_expiring(*, today: datetime.date | None = None, days: int | None = None) -> QuerySet:
    """Approved certificates expiring within ``days`` (60 by default), soonest first."""
    today = today or timezone.localdate()
    days = Certification.EXPIRING_SOON_DAYS if days is None else days
    return (
        Certification.objects.filter(
            review_status=Certification.APPROVED,
            expiry_date__gte=today,
            expiry_date__lte=today + datetime.timedelta(days=days),
        )
        .select_related("product")
        .order_by("expiry_date", "pk")
    )


def certifications_expiring_for_artisan(*, partner, days: int | None = None) -> QuerySet:
    """An artisan's own approved certificates expiring within ``days`` (60 by default),
    for their overview page."""
    own = StockRecord.objects.filter(partner=partner).values("product_id")
    return certifications_expiring(days=days).filter(product_id__in=own)


def certifications_expired(*, today: datetime.date | None = None) -> QuerySet:
    """Approved certificates past their expiry with no renewal waiting or approved."""
    today = today or timezone.localdate()
    return (
        Certification.objects.filter(review_status=Certification.APPROVED, expiry_date__lt=today)
        .exclude(certification_renewed())
        .select_related("product")
        .order_by("-expiry_date", "pk")
    )


def certification_renewed():
    """Filter expression: a newer certificate of the same kind for the same product is approved or waiting."""
    newer = Certification.objects.filter(
        product_id=OuterRef("product_id"), kind=OuterRef("kind"),
        review_status__in=[Certification.APPROVED, Certification.PENDING],
    ).filter(Q(expiry_date__isnull=True) | Q(expiry_date__gt=OuterRef("expiry_date")))
    return Exists(newer)


def product_artisan_partners(*, product_ids) -> dict[int, object]:
    """Product id -> its artisan (partner of its first stock record)."""
    artisans = {}
    for record in StockRecord.objects.filter(product_id__in=product_ids).select_related("partner").order_by("pk"):
        artisans.setdefault(record.product_id, record.partner)
    return artisans
