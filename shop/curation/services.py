"""Curation: the only code that moves ``Product.curation_state``.

Transitions (``TRANSITIONS``) say from which states each action may start; who
may act is checked here too, so no view, form or crafted POST can go around it:

- submit: the product's artisan or a curator;
- approve, request changes, reject: curators holding ``curation.decide_product``
  (and superusers);
- archive: a curator, or the product's artisan (their "delete" of anything
  that was ever live or sold).

Every action writes a ``CurationDecision`` (the product's history) and, when a
curator decides, emails the artisan after commit. An artisan's edit of an
approved product is a ``ProductRevision``: the approved version stays live
until a curator approves the revision, which is applied in one transaction and
one product save (so the marketplace listing push runs once).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from shop.curation.criteria import CRITERIA_CODES
from shop.curation.models import DECIDE_PERMISSION, CurationDecision, ProductRevision, RevisionImage
from shop.shipping.weights import product_shipping_problems

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
OrderLine = get_model("order", "Line")


class CurationError(Exception):
    """A decision that cannot be made as asked; the message is for the user."""


#: action -> states it may start from. APPROVED may be approved again: that
#: changes the level (export ready) or approves a pending revision.
TRANSITIONS = {
    CurationDecision.SUBMIT: {Product.DRAFT, Product.CHANGES_REQUESTED, Product.REJECTED, Product.ARCHIVED},
    CurationDecision.APPROVE: {Product.SUBMITTED, Product.APPROVED},
    CurationDecision.REQUEST_CHANGES: {Product.SUBMITTED, Product.APPROVED},
    CurationDecision.REJECT: {Product.SUBMITTED, Product.APPROVED},
    CurationDecision.ARCHIVE: {Product.DRAFT, Product.SUBMITTED, Product.CHANGES_REQUESTED, Product.APPROVED,
                               Product.REJECTED},
}

#: Fields of the product an artisan's edit of a live product puts into a revision.
REVISED_FIELDS = ("title", "story", "story_en", "materials", "materials_en", "technique", "technique_en",
                  "region_id", "lead_time_days", "is_one_of_a_kind",
                  # The parcel's weight and size are what buyers and marketplaces are charged by.
                  "weight_grams", "length_cm", "width_cm", "height_cm")


# --- approval checks --------------------------------------------------------
# Each takes the product as it would go live and returns problems (translated
# sentences); any problem refuses the approval. Others plug theirs in with
# ``APPROVAL_CHECKS.append(check)`` (e.g. "weight and dimensions required").
def approval_check_price(product) -> list[str]:
    if not product.stockrecords.filter(price__isnull=False).exists():
        return [_("It has no price: add a stock record with a price.")]
    return []


def approval_check_photo(product) -> list[str]:
    if not product.images.exists():
        return [_("It has no photo: every channel needs at least one.")]
    return []


APPROVAL_CHECKS: list[Callable[[object], list[str]]] = [
    approval_check_price, approval_check_photo,
    # Couriers and marketplaces price by weight and size: no piece goes live without them.
    product_shipping_problems,
]


# --- who ----------------------------------------------------------------------
def user_can_decide(user) -> bool:
    return bool(user.is_authenticated and user.is_active
                and (user.is_superuser or (user.is_staff and user.has_perm(DECIDE_PERMISSION))))


def user_is_product_artisan(*, user, product) -> bool:
    return bool(user.is_authenticated
                and product.stockrecords.filter(partner__users=user).exists())


def _require_decider(user):
    if not user_can_decide(user):
        raise PermissionDenied(_("Only curators may decide on products."))


def _require(action, product):
    if product.curation_state not in TRANSITIONS[action]:
        raise CurationError(_("A product that is “%(state)s” cannot be %(action)s.") % {
            "state": product.get_curation_state_display(), "action": ACTION_VERBS[action]})


ACTION_VERBS = {
    CurationDecision.SUBMIT: gettext_lazy("submitted"),
    CurationDecision.APPROVE: gettext_lazy("approved"),
    CurationDecision.REQUEST_CHANGES: gettext_lazy("sent back for changes"),
    CurationDecision.REJECT: gettext_lazy("rejected"),
    CurationDecision.ARCHIVE: gettext_lazy("archived"),
}


def _locked(product):
    return Product.objects.select_for_update().get(pk=product.pk)


def _record(*, product, user, action, from_state, note="", export_ready=None, revision=None, criteria=()):
    return CurationDecision.objects.create(
        product=product, user=user, action=action, from_state=from_state, to_state=product.curation_state,
        export_ready=product.export_ready if export_ready is None else export_ready, note=note,
        revision=revision, criteria=list(criteria))


def _notify_artisan_after_commit(decision):
    def send():
        from shop.curation.emails import decision_email_send

        decision_email_send(decision_id=decision.pk)

    transaction.on_commit(send, robust=True)


def pending_revision(product):
    return product.revisions.filter(status=ProductRevision.PENDING).first()


# --- actions --------------------------------------------------------------------
def product_submit(*, product, user) -> CurationDecision:
    if not (user_can_decide(user) or user_is_product_artisan(user=user, product=product)):
        raise PermissionDenied(_("Only the product's artisan or a curator may submit it."))
    with transaction.atomic():
        product = _locked(product)
        _require(CurationDecision.SUBMIT, product)
        from_state = product.curation_state
        product.curation_state = Product.SUBMITTED
        product.save()
        return _record(product=product, user=user, action=CurationDecision.SUBMIT, from_state=from_state)


def product_approve(*, product, user, export_ready: bool, note: str = "", criteria=CRITERIA_CODES
                    ) -> CurationDecision:
    """Approve as ``terkurasi`` (export_ready False) or ``siap ekspor`` (True).

    On an approved product with a pending revision, the revision is applied;
    on one without, only the level changes.
    """
    _require_decider(user)
    missing = [code for code in CRITERIA_CODES if code not in set(criteria)]
    if missing:
        raise CurationError(_("Tick every criterion before approving."))
    with transaction.atomic():
        product = _locked(product)
        _require(CurationDecision.APPROVE, product)
        from_state = product.curation_state
        revision = pending_revision(product) if from_state == Product.APPROVED else None
        if revision is not None:
            _revision_apply(product=product, revision=revision)
        product.curation_state = Product.APPROVED
        product.export_ready = bool(export_ready)
        problems = [problem for check in APPROVAL_CHECKS for problem in check(product)]
        if problems:
            # Raising rolls the revision back with the rest.
            raise CurationError(" ".join(problems))
        product.save()  # the one save: one listing push after commit
        decision = _record(product=product, user=user, action=CurationDecision.APPROVE, from_state=from_state,
                           note=note, revision=revision, criteria=criteria)
        _notify_artisan_after_commit(decision)
        return decision


def product_request_changes(*, product, user, note: str) -> CurationDecision:
    return _send_back(product=product, user=user, note=note, action=CurationDecision.REQUEST_CHANGES,
                      state=Product.CHANGES_REQUESTED, revision_status=ProductRevision.CHANGES_REQUESTED,
                      empty=_("Write what the artisan should change."))


def product_reject(*, product, user, note: str) -> CurationDecision:
    return _send_back(product=product, user=user, note=note, action=CurationDecision.REJECT,
                      state=Product.REJECTED, revision_status=ProductRevision.REJECTED,
                      empty=_("Give the reason for the rejection."))


def _send_back(*, product, user, note, action, state, revision_status, empty):
    _require_decider(user)
    note = (note or "").strip()
    if not note:
        raise CurationError(empty)
    with transaction.atomic():
        product = _locked(product)
        _require(action, product)
        from_state = product.curation_state
        revision = None
        if from_state == Product.APPROVED:
            # A live product is only sent back through its pending revision:
            # the approved version stays live, the edit is declined.
            revision = pending_revision(product)
            if revision is None:
                raise CurationError(_("This product is live and has no edit waiting; archive it instead."))
            revision.status, revision.date_decided = revision_status, timezone.now()
            revision.save(update_fields=["status", "date_decided"])
        else:
            product.curation_state = state
            product.save()
        decision = _record(product=product, user=user, action=action, from_state=from_state, note=note,
                           revision=revision)
        _notify_artisan_after_commit(decision)
        return decision


def product_archive(*, product, user, note: str = "") -> CurationDecision:
    """Hide the product and delist it everywhere; its history stays."""
    if not (user_can_decide(user) or user_is_product_artisan(user=user, product=product)):
        raise PermissionDenied(_("Only the product's artisan or a curator may archive it."))
    with transaction.atomic():
        product = _locked(product)
        _require(CurationDecision.ARCHIVE, product)
        from_state = product.curation_state
        product.curation_state = Product.ARCHIVED
        product.save()  # not approved any more: the next push delists it
        product.revisions.filter(status=ProductRevision.PENDING).update(
            status=ProductRevision.WITHDRAWN, date_decided=timezone.now())
        decision = _record(product=product, user=user, action=CurationDecision.ARCHIVE, from_state=from_state,
                           note=note)
        if user_can_decide(user) and not user_is_product_artisan(user=user, product=product):
            _notify_artisan_after_commit(decision)
        return decision


def product_edit_record(*, product, user, note: str = "") -> CurationDecision:
    """A curator's direct edit of a product, kept in its history."""
    return _record(product=product, user=user, action=CurationDecision.EDIT, from_state=product.curation_state,
                   note=note)


# --- deleting -------------------------------------------------------------------
def product_deletion_refusal(*, product, user) -> str:
    """Why ``user`` may not delete ``product`` outright ("" if they may).

    Anything that was ever approved or sold is archived instead (history and
    orders keep pointing at it); an artisan deletes only their own drafts, and
    never a product another artisan also stocks.
    """
    if product.curation_decisions.filter(action=CurationDecision.APPROVE).exists() \
            or product.curation_state in (Product.APPROVED, Product.ARCHIVED):
        return _("It has been approved before, so it is archived instead of deleted.")
    if OrderLine.objects.filter(product=product).exists():
        return _("It has been sold, so it is archived instead of deleted.")
    if not user_can_decide(user):
        if product.stockrecords.exclude(partner__users=user).exists():
            return _("Another artisan also stocks it; ask a curator.")
        if product.curation_state == Product.SUBMITTED:
            return _("It is waiting for curation, so it is archived instead of deleted.")
    return ""


def product_delete_or_archive(*, product, user) -> str:
    """Delete the product if allowed, else archive it. Returns "deleted" or "archived"."""
    if not (user_can_decide(user) or user_is_product_artisan(user=user, product=product)):
        raise PermissionDenied
    refusal = product_deletion_refusal(product=product, user=user)
    if not refusal:
        product.delete()
        return "deleted"
    if not user_can_decide(user) and product.stockrecords.exclude(partner__users=user).exists():
        raise CurationError(refusal)
    if product.curation_state == Product.ARCHIVED:
        raise CurationError(_("It is already archived."))
    product_archive(product=product, user=user, note=refusal)
    return "archived"


# --- revisions (edit while live) ---------------------------------------------------------
def product_revision_propose(*, product, user, stockrecord, changes: dict, new_images=(),
                             removed_image_ids=()) -> ProductRevision | None:
    """Keep an artisan's changes to a live product for curation (None if nothing changed).

    ``changes`` holds new values by field name (see REVISED_FIELDS, plus ``price``
    and ``categories``). A second edit before the curator decides adds to the
    waiting revision instead of starting another.
    """
    # A curator may propose too (the catalogue import keeps a file's edits of live
    # products for review unless the curator chose to apply them).
    if not (user_is_product_artisan(user=user, product=product) or user_can_decide(user)):
        raise PermissionDenied
    if not (changes or new_images or removed_image_ids):
        return None
    with transaction.atomic():
        product = _locked(product)
        if product.curation_state != Product.APPROVED:
            raise CurationError(_("Only a live product keeps its edits apart for curation."))
        revision = pending_revision(product) or ProductRevision(product=product)
        proposed = dict(revision.proposed)
        proposed.update({key: _jsonable(value) for key, value in changes.items()})
        removed = set(proposed.get("removed_image_ids", [])) | {int(pk) for pk in removed_image_ids}
        if removed:
            proposed["removed_image_ids"] = sorted(removed)
        revision.proposed, revision.user, revision.stockrecord = proposed, user, stockrecord
        revision.save()
        order = revision.images.count()
        for offset, (upload, caption) in enumerate(new_images):
            RevisionImage.objects.create(revision=revision, original=upload, caption=caption or "",
                                         display_order=order + offset)
        return revision


def product_revision_withdraw(*, revision, user) -> None:
    if not (user_is_product_artisan(user=user, product=revision.product) or user_can_decide(user)):
        raise PermissionDenied
    ProductRevision.objects.filter(pk=revision.pk, status=ProductRevision.PENDING).update(
        status=ProductRevision.WITHDRAWN, date_decided=timezone.now())


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


def _revision_apply(*, product, revision):
    """Apply a revision to the locked ``product`` in memory and its related rows; the caller saves."""
    proposed = revision.proposed
    for field in REVISED_FIELDS:
        if field in proposed:
            setattr(product, field, proposed[field])
    if "price" in proposed and revision.stockrecord_id:
        # A queryset update on purpose: saving the stock record would enqueue
        # a push of its own; the product save that follows carries the price
        # in the one listing push. date_updated keeps the periodic push in step.
        StockRecord.objects.filter(pk=revision.stockrecord_id).update(
            price=Decimal(proposed["price"]), date_updated=timezone.now())
    if "categories" in proposed:
        product.categories.set(proposed["categories"])
    removed = proposed.get("removed_image_ids") or []
    for image in ProductImage.objects.filter(product=product, pk__in=removed):
        image.delete()
    start = ProductImage.objects.filter(product=product).count()
    for offset, new in enumerate(revision.images.all()):
        # The new photo's file is shared with the revision, which keeps it for history.
        ProductImage.objects.create(product=product, original=new.original.name, caption=new.caption,
                                    display_order=start + offset)
    revision.status, revision.date_decided = ProductRevision.APPROVED, timezone.now()
    revision.save(update_fields=["status", "date_decided"])
