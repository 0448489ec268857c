from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")


class ArtisanContactForm(forms.ModelForm):
    """What an artisan changes on their own, without curation: how the gallery reaches them."""

    class Meta:
        model = Partner
        fields = ("whatsapp", "language")
        help_texts = {
            "whatsapp": _("Buyers and the gallery contact you here. International form, e.g. +6281234567890."),
            "language": _("New orders, curation decisions and certificate reminders reach you in this language."),
        }
        widgets = {"whatsapp": forms.TextInput(attrs={"inputmode": "tel", "placeholder": "+62"})}
