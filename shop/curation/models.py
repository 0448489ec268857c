"""What curation remembers: every decision on a product, and edits waiting for one.

The product's own ``curation_state`` says where it stands now; these rows say how
it got there (the history shown in the dashboard) and hold an artisan's edit of
a live product until a curator decides on it.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The one permission that lets a staff member decide on products.
DECIDE_PERMISSION = "curation.decide_product"


class CurationDecision(models.Model):
    SUBMIT, APPROVE, REQUEST_CHANGES, REJECT, ARCHIVE, EDIT = (
        "submit", "approve", "request_changes", "reject", "archive", "edit")
    ACTION_CHOICES = [
        (SUBMIT, _("Submitted for curation")),
        (APPROVE, _("Approved")),
        (REQUEST_CHANGES, _("Changes requested")),
        (REJECT, _("Rejected")),
        (ARCHIVE, _("Archived")),
        (EDIT, _("Edited by a curator")),
    ]

    product = models.ForeignKey("catalogue.Product", related_name="curation_decisions",
                                on_delete=models.CASCADE, verbose_name=_("product"))
    revision = models.ForeignKey("curation.ProductRevision", related_name="decisions", null=True, blank=True,
                                 on_delete=models.SET_NULL, verbose_name=_("revision"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="curation_decisions", null=True,
                             on_delete=models.SET_NULL, verbose_name=_("by"))
    action = models.CharField(_("action"), max_length=20, choices=ACTION_CHOICES)
    from_state = models.CharField(_("previous state"), max_length=20)
    to_state = models.CharField(_("new state"), max_length=20)
    export_ready = models.BooleanField(_("export ready"), default=False)
    note = models.TextField(_("note"), blank=True)
    #: The council's criteria the curator ticked (codes from shop.curation.criteria).
    criteria = models.JSONField(_("criteria checked"), default=list, blank=True)
    date_created = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-date_created", "-pk")
        verbose_name = _("curation decision")
        verbose_name_plural = _("curation decisions")
        permissions = [("decide_product", _("Can decide on products in curation"))]

    def __str__(self):
        return f"{self.product_id}: {self.action} {self.from_state}→{self.to_state}"

    def state_label(self, state):
        from oscar.core.loading import get_model

        return dict(get_model("catalogue", "Product").CURATION_CHOICES).get(state, state)

    @property
    def from_state_display(self):
        return self.state_label(self.from_state)

    @property
    def to_state_display(self):
        return self.state_label(self.to_state)


def revision_image_path(instance, filename):
    return f"curation/revisions/{filename}"


class ProductRevision(models.Model):
    """An artisan's edit of a live (approved) product, kept apart until a curator decides.

    ``proposed`` holds only the changed values, by field name (``price`` is the
    artisan's stock record price as a string, ``categories`` a list of ids,
    ``removed_image_ids`` images to drop); new photos are ``RevisionImage`` rows.
    """

    PENDING, APPROVED, REJECTED, CHANGES_REQUESTED, WITHDRAWN = (
        "pending", "approved", "rejected", "changes_requested", "withdrawn")
    STATUS_CHOICES = [
        (PENDING, _("Waiting for curation")),
        (APPROVED, _("Approved")),
        (REJECTED, _("Rejected")),
        (CHANGES_REQUESTED, _("Changes requested")),
        (WITHDRAWN, _("Replaced by a newer edit")),
    ]

    product = models.ForeignKey("catalogue.Product", related_name="revisions", on_delete=models.CASCADE,
                                verbose_name=_("product"))
    stockrecord = models.ForeignKey("partner.StockRecord", related_name="+", null=True, blank=True,
                                    on_delete=models.SET_NULL, verbose_name=_("stock record"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", null=True, on_delete=models.SET_NULL,
                             verbose_name=_("proposed by"))
    proposed = models.JSONField(_("proposed values"), default=dict)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    date_created = models.DateTimeField(_("date created"), auto_now_add=True)
    date_decided = models.DateTimeField(_("date decided"), null=True, blank=True)

    class Meta:
        ordering = ("date_created", "pk")
        verbose_name = _("product revision")
        verbose_name_plural = _("product revisions")
        constraints = [
            models.UniqueConstraint(fields=["product"], condition=models.Q(status="pending"),
                                    name="one_pending_revision_per_product"),
        ]

    def __str__(self):
        return f"{self.product_id} rev {self.pk} ({self.status})"


class RevisionImage(models.Model):
    revision = models.ForeignKey(ProductRevision, related_name="images", on_delete=models.CASCADE)
    original = models.ImageField(_("photo"), upload_to=revision_image_path, max_length=255)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    display_order = models.PositiveIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ("display_order", "pk")
