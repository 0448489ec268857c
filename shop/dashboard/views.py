"""Dashboard home and login: Oscar's for staff; an artisan's own overview for partner users.

Oscar's index computes its statistics from whole orders and every customer, so a
partner user (artisan, never ``is_staff``) would see other artisans' money there.
For them the same URL (``dashboard:index``) is their overview instead, built from
their own order lines only (``shop/dashboard/selectors.py``).
"""
from django.contrib.messages.views import SuccessMessageMixin
from django.http import Http404
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import RedirectView, UpdateView
from oscar.apps.dashboard import views as oscar_views

from shop.accounts.landing import landing_url_for
from shop.dashboard.forms import ArtisanContactForm
from shop.dashboard.selectors import artisan_overview, artisan_partners


class IndexView(oscar_views.IndexView):
    def get_template_names(self):
        if self.request.user.is_staff:
            return super().get_template_names()
        return ["shop/dashboard/artisan_overview.html"]

    def get_context_data(self, **kwargs):
        if self.request.user.is_staff:
            return super().get_context_data(**kwargs)
        # Not Oscar's get_stats(): it reads whole orders and all customers.
        ctx = oscar_views.TemplateView.get_context_data(self, **kwargs)
        ctx.update(artisan_overview(user=self.request.user))
        return ctx


class LoginView(oscar_views.LoginView):
    """The dashboard's login: without ``next``, each role lands where it works."""

    def get_success_url(self):
        return self.get_redirect_url() or resolve_url(landing_url_for(self.request.user))


class ArtisanProfileStartView(RedirectView):
    """``/dashboard/artisan/profile/``: the profile of the (first) business the user acts for."""

    def get_redirect_url(self, *args, **kwargs):
        partner = artisan_partners(user=self.request.user).first()
        if partner is None:
            raise Http404
        return reverse("dashboard:artisan-profile-edit", kwargs={"pk": partner.pk})


class ArtisanProfileView(SuccessMessageMixin, UpdateView):
    """An artisan's contact fields (WhatsApp, language of emails), changed without curation.

    Only the businesses the user acts for can be opened: another artisan's pk is a 404.
    The public profile (name, story, portrait) is shown read-only: the gallery edits it.
    """

    template_name = "shop/dashboard/artisan_profile.html"
    form_class = ArtisanContactForm
    context_object_name = "partner"
    success_message = gettext_lazy("Your contact details are saved.")

    def get_queryset(self):
        return artisan_partners(user=self.request.user).select_related("region")

    def get_success_url(self):
        return reverse("dashboard:artisan-profile-edit", kwargs={"pk": self.object.pk})

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["other_partners"] = artisan_partners(user=self.request.user).exclude(pk=self.object.pk)
        return ctx
