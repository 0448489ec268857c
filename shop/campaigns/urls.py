from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "campaigns"

# Unlike the gallery's sections, a campaign's address is translated (the issue asks for
# /kampanye/<slug>/ and /en/campaign/<slug>/): Django's translated URL patterns, msgstr in
# locale/id. The language switcher posts the path without its language prefix
# (/campaign/<slug>/ from an English page), which the other language's pattern does not
# know: both spellings are also accepted in either language and redirect to the right one.
urlpatterns = [
    path(pgettext_lazy("URL path", "campaign/<slug:slug>/"), views.CampaignView.as_view(), name="detail"),
    path("kampanye/<slug:slug>/", views.CampaignRedirectView.as_view()),
    path("campaign/<slug:slug>/", views.CampaignRedirectView.as_view()),
]
