"""The artisan's email when curation decides (CommunicationEventType ``CURATION_DECISION``)."""
from __future__ import annotations

from django.conf import settings
from django.contrib.sites.models import Site
from django.urls import reverse

from shop.curation.models import CurationDecision
from shop.notifications import artisan_recipients, notify

CURATION_DECISION = "CURATION_DECISION"


def decision_email_send(*, decision_id: int) -> int:
    """Email every artisan stocking the product, each in their own language. Returns emails sent."""
    decision = CurationDecision.objects.select_related("product", "revision").get(pk=decision_id)
    product = decision.product
    sent = 0
    partners = {record.partner for record in product.stockrecords.select_related("partner")}
    for partner in partners:
        recipients = artisan_recipients(partner)
        if not recipients:
            continue
        # Product pages in the dashboard carry no language prefix for Indonesian;
        # the email links the page the artisan edits the product on.
        path = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
        domain = Site.objects.get_current().domain
        sent += notify(code=CURATION_DECISION, recipients=recipients, context={
            "decision": decision, "product": product, "partner": partner,
            "is_revision": decision.revision_id is not None,
            "product_dashboard_url": f"{'http' if settings.DEBUG else 'https'}://{domain}{path}",
        })
    return sent
