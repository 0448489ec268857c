from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "campaigns"

# Unlike the gallery's sections, a campaign's address is translated (the issue asks for
# /kampanye/<slug>/ and /en/campaign/<slug>/): Django's translated URL patterns,
# msgstr in locale/id; Django's language switcher (translate_url) follows it.
urlpatterns = [
    path(pgettext_lazy("URL path", "campaign/<slug:slug>/"), views.CampaignView.as_view(), name="detail"),
]
