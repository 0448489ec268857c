"""Reads for curation pages: the queue, a product's history, the previous approved version."""
from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, Subquery
from oscar.core.loading import get_model

from shop.curation.models import CurationDecision, ProductRevision

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Region = get_model("catalogue", "Region")


def curation_queue(*, category=None, region=None):
    """Submitted products and live products with an edit waiting, oldest waiting first.

    ``waiting_since`` is the last submission (or the pending revision's date).
    """
    pending = ProductRevision.objects.filter(product=OuterRef("pk"), status=ProductRevision.PENDING)
    last_submit = CurationDecision.objects.filter(
        product=OuterRef("pk"), action=CurationDecision.SUBMIT).order_by("-date_created").values("date_created")[:1]
    products = Product.objects.annotate(
        has_pending_revision=Exists(pending),
        revision_since=Subquery(pending.values("date_created")[:1]),
        submitted_since=Subquery(last_submit),
    ).filter(Q(curation_state=Product.SUBMITTED) | Q(curation_state=Product.APPROVED, has_pending_revision=True))
    if category is not None:
        # A craft category and everything under it (Oscar's materialised path).
        products = products.filter(categories__path__startswith=category.path)
    if region is not None:
        products = products.filter(region=region)
    products = products.select_related("region").prefetch_related(
        "images", "certifications", "stockrecords__partner", "categories").distinct()
    items = list(products)
    for product in items:
        product.waiting_since = (product.revision_since if product.has_pending_revision
                                 else product.submitted_since) or product.date_updated
    items.sort(key=lambda p: (p.waiting_since, p.pk))
    return items


def craft_categories():
    return Category.get_root_nodes()


def regions_with_products():
    return Region.objects.filter(products__isnull=False).distinct()


def product_history(*, product):
    return (CurationDecision.objects.filter(product=product).select_related("user", "revision")
            .order_by("-date_created", "-pk"))


def latest_feedback(*, product):
    """The last decision that asked the artisan for something (changes, rejection)."""
    return (CurationDecision.objects.filter(
        product=product, action__in=[CurationDecision.REQUEST_CHANGES, CurationDecision.REJECT])
        .order_by("-date_created", "-pk").first())


def revision_comparison(*, revision):
    """Rows of (label, live value, proposed value) for the side-by-side view."""
    from shop.curation.services import REVISED_FIELDS

    product = revision.product
    proposed = revision.proposed
    rows = []
    for field in REVISED_FIELDS:
        if field not in proposed:
            continue
        name = field.removesuffix("_id") if field == "region_id" else field
        model_field = Product._meta.get_field(name)
        live = getattr(product, name)
        new = proposed[field]
        if field == "region_id":
            new = Region.objects.filter(pk=new).first() if new else None
        rows.append((model_field.verbose_name, live, new))
    if "price" in proposed:
        from django.utils.translation import gettext_lazy as _

        record = revision.stockrecord
        rows.append((_("price"), record.price if record else None, proposed["price"]))
    if "categories" in proposed:
        from django.utils.translation import gettext_lazy as _

        rows.append((_("craft category"), ", ".join(str(c) for c in product.categories.all()),
                     ", ".join(str(c) for c in Category.objects.filter(pk__in=proposed["categories"]))))
    return rows


def artisan_curation_todo(*, partner):
    """An artisan's pieces in curation, for their overview: waiting for curators, and sent back.

    ``waiting``: submitted products and live products with an edit waiting;
    ``sent_back``: products with changes requested (the latest feedback is
    ``latest_feedback(product=...)``).
    """
    own = Product.objects.filter(stockrecords__partner=partner).distinct()
    pending = ProductRevision.objects.filter(product=OuterRef("pk"), status=ProductRevision.PENDING)
    return {
        "waiting": own.filter(Q(curation_state=Product.SUBMITTED)
                              | Q(curation_state=Product.APPROVED) & Exists(pending)),
        "sent_back": own.filter(curation_state=Product.CHANGES_REQUESTED),
    }


def login_landing_url(user) -> str | None:
    """Where a person lands after logging in with no ``next``: curators on the queue.

    Admins (superusers) stay on the dashboard home; None means "no opinion".
    Other roles' landing pages plug in here (e.g. the artisan's overview).
    """
    from django.urls import reverse

    from shop.curation.services import user_can_decide

    if user_can_decide(user) and not user.is_superuser:
        return reverse("dashboard:curation-queue")
    return None
