"""The campaign's landing page on the storefront."""
from django.db.models import Min
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import ListView, RedirectView

from shop.campaigns import services
from shop.campaigns.models import Campaign
from shop.gallery import selectors
from shop.gallery.views import ProductListMixin


class CampaignView(ProductListMixin, ListView):
    """A running campaign's products with their campaign prices; an upcoming one as a
    teaser at normal prices (its offer has not started). After the end the page is gone:
    it follows the dates at every request. Staff may preview it at any time."""

    template_name = "campaigns/campaign.html"

    def get(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(Campaign, slug=kwargs["slug"])
        if self.campaign.status() == "ended" and not request.user.is_staff:
            raise Http404("This campaign has ended.")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        products, sort = services.campaign_products(self.campaign), self.get_sort()
        if sort in (selectors.SORT_PRICE_ASC, selectors.SORT_PRICE_DESC):
            products = products.annotate(min_price=Min("stockrecords__price"))
        return products.order_by(*selectors.SORT_ORDERINGS[sort])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["campaign"] = self.campaign
        ctx["campaign_status"] = self.campaign.status()
        return ctx


class CampaignRedirectView(RedirectView):
    """The other language's spelling of a campaign address: to this language's."""

    permanent = False
    pattern_name = "campaigns:detail"
