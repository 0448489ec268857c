"""Catalogue dashboard: Oscar's, with the product lookup scoped to the artisan's own pieces."""
from oscar.apps.dashboard.catalogue import views as oscar_views


class ProductLookupView(oscar_views.ProductLookupView):
    """The JSON behind the dashboard's product pickers (ranges, offers, recommendations).

    Oscar lists every browsable product to any user who may open it, partner
    users included, which leaks other artisans' titles. A partner user (not
    ``is_staff``) gets only products with a stock record of one of their partners.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_staff:
            return queryset
        return queryset.filter(stockrecords__partner__users=user).distinct()
