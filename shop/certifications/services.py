"""Writes: submitting and reviewing certificates, holding products, the daily run.

A product whose craft requires a kind of certificate it holds no approved,
unexpired certificate of is *held*: ``Product.certification_held`` is set, which
takes it off the storefront (``is_public``, ``browsable()``, the strategy) and,
through the product's post_save signal in marketplace_sync, delists it from
every channel (stock 0, then unlisted). Clearing the flag brings it back and
relists it. Every service here that can change what a product holds calls
``products_certification_hold_refresh``; the daily task calls it for all.
"""
from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_model

from shop.certifications import selectors
from shop.certifications.models import CertificationNotice, CraftCertificationRequirement
from shop.notifications import artisan_recipients, curator_recipients, notify

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Certification = get_model("catalogue", "Certification")

CERT_EXPIRING = "CERT_EXPIRING"
CERT_EXPIRED = "CERT_EXPIRED"

#: Fields an artisan fills in when adding or renewing a certificate.
SUBMITTED_FIELDS = ("kind", "number", "issuer", "expiry_date", "scan")


@dataclass(frozen=True)
class HoldChange:
    product_id: int
    held: bool
    missing: frozenset = frozenset()


# --- holding products ---------------------------------------------------------------


def products_certification_hold_refresh(
    *, product_ids=None, today: datetime.date | None = None
) -> list[HoldChange]:
    """Bring ``certification_held`` in line with the requirements for these products (all with None).

    Saves only the products whose hold changes, through ``Product.save`` so
    ``is_public`` follows and marketplace_sync's signal pushes (delists or
    relists) the product on every channel after commit. Safe to run twice.
    """
    products = Product.objects.filter(parent__isnull=True)
    if product_ids is None:
        # The products that may change: those lacking something now, and those held now.
        lacking = selectors.products_missing_certifications(today=today)
        product_ids = set(lacking) | set(products.filter(certification_held=True).values_list("pk", flat=True))
    changes = []
    with transaction.atomic():
        # Lock first, then read the certificates: an approval committing meanwhile
        # waits for these locks and recomputes after us, so the last word is right.
        locked = list(products.filter(pk__in=product_ids).select_for_update(of=("self",)).order_by("pk"))
        missing = selectors.products_missing_certifications(product_ids=[p.pk for p in locked], today=today)
        for product in locked:
            held = product.pk in missing
            if product.certification_held == held:
                continue
            product.certification_held = held
            product.save(update_fields=["certification_held", "is_public", "date_updated"])
            changes.append(HoldChange(product_id=product.pk, held=held, missing=frozenset(missing.get(product.pk, ()))))
    for change in changes:
        logger.info("product %s %s", change.product_id,
                    f"held: missing {sorted(change.missing)}" if change.held else "released")
    return changes


# --- artisans submit, curators review -----------------------------------------------


def certification_submit(*, product, data: dict, certification=None) -> Certification:
    """Add (or correct a pending/rejected) certificate; it waits for a curator's review.

    ``data`` holds cleaned values of SUBMITTED_FIELDS. An approved certificate
    is never changed here: a renewal is a new certificate, so the one in force
    keeps counting until the renewal is approved.
    """
    if certification is None:
        certification = Certification(product=product)
    elif certification.review_status == Certification.APPROVED:
        raise ValueError("An approved certificate is renewed by adding a new one, not edited.")
    for name in SUBMITTED_FIELDS:
        if name in data and not (name == "scan" and not data[name]):
            setattr(certification, name, data[name])
    certification.review_status = Certification.PENDING
    certification.reviewed_by, certification.date_reviewed, certification.review_note = None, None, ""
    certification.full_clean()
    certification.save()
    # A pending certificate does not count yet, so no hold can change here.
    return certification


def certification_approve(*, certification, curator) -> Certification:
    """A curator accepts the certificate: it counts from now on (and may release its product)."""
    with transaction.atomic():
        certification = Certification.objects.select_for_update().get(pk=certification.pk)
        certification.review_status = Certification.APPROVED
        certification.reviewed_by, certification.date_reviewed = curator, timezone.now()
        certification.review_note = ""
        certification.save(update_fields=["review_status", "reviewed_by", "date_reviewed", "review_note"])
        products_certification_hold_refresh(product_ids=[certification.product_id])
    return certification


def certification_reject(*, certification, curator, reason: str) -> Certification:
    """A curator refuses the certificate, saying why; a product relying on it is held."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A rejection needs a reason the artisan can act on.")
    with transaction.atomic():
        certification = Certification.objects.select_for_update().get(pk=certification.pk)
        certification.review_status = Certification.REJECTED
        certification.reviewed_by, certification.date_reviewed = curator, timezone.now()
        certification.review_note = reason
        certification.save(update_fields=["review_status", "reviewed_by", "date_reviewed", "review_note"])
        products_certification_hold_refresh(product_ids=[certification.product_id])
    return certification


# --- requirements per craft ---------------------------------------------------------


def _products_under(category) -> list[int]:
    return list(
        Product.categories.through.objects.filter(category__path__startswith=category.path)
        .values_list("product_id", flat=True).distinct()
    )


def requirement_create(*, category, kind: str) -> CraftCertificationRequirement:
    with transaction.atomic():
        requirement, _created = CraftCertificationRequirement.objects.get_or_create(category=category, kind=kind)
        products_certification_hold_refresh(product_ids=_products_under(category))
    return requirement


def requirement_delete(*, requirement) -> None:
    with transaction.atomic():
        category = requirement.category
        requirement.delete()
        products_certification_hold_refresh(product_ids=_products_under(category))


# --- the daily run ------------------------------------------------------------------


@dataclass
class DailyRunResult:
    held: list[int] = field(default_factory=list)
    released: list[int] = field(default_factory=list)
    expired_notices: int = 0
    reminders: dict = field(default_factory=lambda: {30: 0, 7: 0})
    emails: int = 0

    def as_dict(self) -> dict:
        return {"held": self.held, "released": self.released, "expired_notices": self.expired_notices,
                "reminders": {str(days): n for days, n in self.reminders.items()}, "emails": self.emails}


def certifications_daily_run(*, today: datetime.date | None = None) -> DailyRunResult:
    """Apply expiries (hold, delist, tell the artisan and the curators once) and send reminders once.

    Safe to run twice: holds are recomputed from the data, and every email is
    recorded as a ``CertificationNotice`` (unique per certificate and kind)
    before it is sent, so a second run finds nothing left to say.
    """
    today = today or timezone.localdate()
    result = DailyRunResult()
    for change in products_certification_hold_refresh(today=today):
        (result.held if change.held else result.released).append(change.product_id)

    expired = _claim(
        certifications=_noticeable(selectors.certifications_expired(today=today)),
        kind=CertificationNotice.EXPIRED,
    )
    result.expired_notices = len(expired)
    result.emails += _send_expired(certifications=expired, today=today)

    # The 7-day reminder is claimed first: a certificate added 5 days before
    # expiry gets that one only, not both on the same morning.
    due_7 = selectors.certifications_expiring(today=today, days=7).exclude(
        notices__kind=CertificationNotice.REMINDER_7)
    reminded_7 = _claim(certifications=_noticeable(due_7), kind=CertificationNotice.REMINDER_7)
    due_30 = selectors.certifications_expiring(today=today, days=30).exclude(
        notices__kind__in=[CertificationNotice.REMINDER_30, CertificationNotice.REMINDER_7])
    reminded_30 = _claim(certifications=_noticeable(due_30), kind=CertificationNotice.REMINDER_30)
    result.reminders = {30: len(reminded_30), 7: len(reminded_7)}
    result.emails += _send_expiring(certifications=reminded_7 + reminded_30, today=today)
    return result


def _noticeable(certifications):
    """Only live products' certificates that nobody has renewed yet are worth an email."""
    retired = [Product.REJECTED, getattr(Product, "ARCHIVED", "archived")]
    return certifications.exclude(selectors.certification_renewed()).exclude(product__curation_state__in=retired)


def _claim(*, certifications, kind: str) -> list:
    """Record the notice for each certificate; return those this run recorded (and so must send)."""
    claimed = []
    for certification in certifications.exclude(notices__kind=kind):
        try:
            with transaction.atomic():
                CertificationNotice.objects.create(certification=certification, kind=kind)
        except IntegrityError:
            continue  # another run claimed it first
        claimed.append(certification)
    return claimed


def _by_artisan(certifications) -> dict:
    artisans = selectors.product_artisan_partners(product_ids={c.product_id for c in certifications})
    grouped = defaultdict(list)
    for certification in certifications:
        artisan = artisans.get(certification.product_id)
        if artisan is not None:
            grouped[artisan].append(certification)
    return grouped


def _context(certifications, today) -> list[dict]:
    """One row per certificate for the email templates, soonest first."""
    product_ids = {c.product_id for c in certifications}
    held = set(Product.objects.filter(pk__in=product_ids, certification_held=True).values_list("pk", flat=True))
    artisans = selectors.product_artisan_partners(product_ids=product_ids)
    required = {}
    rows = []
    for certification in sorted(certifications, key=lambda c: (c.expiry_date, c.pk)):
        product = certification.product
        if product.pk not in required:
            required[product.pk] = selectors.product_required_kinds(product=product)
        rows.append({
            "certification": certification, "product": product, "artisan": artisans.get(product.pk),
            "days_left": (certification.expiry_date - today).days,
            "required": certification.kind in required[product.pk],
            "product_held": product.pk in held,
        })
    return rows


def _base_context() -> dict:
    # The shop's own name: the Sites framework's name is a domain in most installs.
    return {"shop_name": settings.OSCAR_SHOP_NAME}


def _send_expiring(*, certifications, today) -> int:
    sent = 0
    for artisan, own in _by_artisan(certifications).items():
        sent += notify(code=CERT_EXPIRING, recipients=artisan_recipients(artisan),
                       context={**_base_context(), "artisan": artisan, "rows": _context(own, today)})
    return sent


def _send_expired(*, certifications, today) -> int:
    if not certifications:
        return 0
    sent = 0
    for artisan, own in _by_artisan(certifications).items():
        sent += notify(code=CERT_EXPIRED, recipients=artisan_recipients(artisan),
                       context={**_base_context(), "artisan": artisan, "rows": _context(own, today),
                                "for_curators": False})
    sent += notify(code=CERT_EXPIRED, recipients=curator_recipients(),
                   context={**_base_context(), "rows": _context(certifications, today), "for_curators": True})
    return sent
