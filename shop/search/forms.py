from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """The header search box; Oscar's search_form context processor loads
    it through get_class("search.forms", "SearchForm")."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Search"),
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Search batik, tenun, artisans…"), "class": "form-control"}
        ),
    )
