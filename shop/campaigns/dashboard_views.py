"""Campaign pages of the dashboard (mounted at /dashboard/campaigns/; access: permissions_map
in shop/campaigns/apps.py, admins and curators)."""
import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic

from marketplace_sync.models import ChannelPromotion
from shop.campaigns import selectors, services
from shop.campaigns.forms import CampaignForm
from shop.campaigns.models import Campaign


def channel_promotions(campaign):
    """The marketplace side's record of each channel's promotion, with every product's answer."""
    return list(ChannelPromotion.objects.filter(key=services.campaign_promotion_key(campaign.pk))
                .select_related("channel").prefetch_related("items__listing__product").order_by("channel__name"))


class CampaignListView(generic.ListView):
    template_name = "oscar/dashboard/campaigns/list.html"
    context_object_name = "campaigns"
    paginate_by = 30

    def get_queryset(self):
        return Campaign.objects.select_related("offer").prefetch_related("channels")


class CampaignFormMixin:
    model = Campaign
    form_class = CampaignForm
    template_name = "oscar/dashboard/campaigns/form.html"

    def form_valid(self, form):
        campaign = form.save(commit=False)
        services.campaign_save(
            campaign=campaign, products=form.cleaned_data["products"],
            categories=form.cleaned_data["categories"], channels=form.cleaned_data["channels"],
        )
        messages.success(self.request, _("Campaign “%(name)s” saved.") % {"name": campaign.name})
        return redirect("dashboard:campaign-detail", pk=campaign.pk)


class CampaignCreateView(CampaignFormMixin, generic.CreateView):
    pass


class CampaignUpdateView(CampaignFormMixin, generic.UpdateView):
    pass


class CampaignDetailView(generic.DetailView):
    template_name = "oscar/dashboard/campaigns/detail.html"
    context_object_name = "campaign"

    def get_queryset(self):
        return Campaign.objects.select_related("offer__benefit", "range", "voucher")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        campaign = self.object
        ctx["status"] = campaign.status()
        ctx["items"] = services.campaign_promotion_items(campaign)
        ctx["report"] = selectors.campaign_report(campaign)
        ctx["channels"] = list(campaign.channels.order_by("name"))
        ctx["channel_promotions"] = channel_promotions(campaign)
        return ctx


class CampaignReportCsvView(generic.View):
    def get(self, request, pk):
        campaign = get_object_or_404(Campaign, pk=pk)
        report = selectors.campaign_report(campaign)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="campaign-{campaign.slug}.csv"'
        writer = csv.writer(response)
        writer.writerow(["group", "name", "units", "revenue", "discount", "discount_known"])
        for group, rows in (("channel", report.channels), ("artisan", report.artisans), ("total", [report.total])):
            for row in rows:
                writer.writerow([group, row.label, row.units, f"{row.revenue:.0f}", f"{row.discount:.0f}",
                                 "yes" if row.discount_known else "no"])
        if report.voucher:
            writer.writerow(["voucher", report.voucher["code"], report.voucher["orders"], "",
                             f"{report.voucher['discount']:.0f}", "yes"])
        return response
