from django.contrib import messages
from django.utils.translation import ngettext
from oscar.apps.dashboard.catalogue import bulk_actions as oscar_bulk_actions
from oscar.apps.dashboard.catalogue.bulk_actions import *  # noqa: F401,F403
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


class SetProductPriceAction(oscar_bulk_actions.SetProductPriceAction):
    """Oscar's bulk price change, minus live products for anybody who cannot curate.

    An artisan's price change on an approved product goes through a revision the
    curators approve (edit while live); the bulk form must not skip that.
    """

    def execute(self, request, objects, form):
        from shop.curation.services import user_can_decide

        if not user_can_decide(request.user):
            live = objects.filter(curation_state=Product.APPROVED)
            skipped = live.count()
            objects = objects.exclude(curation_state=Product.APPROVED)
            if skipped:
                messages.warning(request, ngettext(
                    "%(count)d live product was left unchanged: change its price on its page, and the "
                    "curators approve it.",
                    "%(count)d live products were left unchanged: change their prices on their pages, and the "
                    "curators approve them.", skipped) % {"count": skipped})
            if not objects.exists():
                return
        return super().execute(request, objects, form)
