"""The shop's login: Oscar's, landing each role where its work is."""
from django.shortcuts import resolve_url
from oscar.apps.customer import views as oscar_views

from shop.accounts.landing import landing_url_for


class AccountAuthView(oscar_views.AccountAuthView):
    def get_login_success_url(self, form):
        # Oscar sends every staff member to the dashboard home; a curator's work
        # starts on the curation queue, an artisan's on their overview.
        return form.cleaned_data["redirect_url"] or resolve_url(landing_url_for(self.request.user))
