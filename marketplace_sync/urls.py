from django.urls import path

from marketplace_sync.views import marketplace_webhook

app_name = "marketplace_sync"

urlpatterns = [
    path("webhooks/<slug:channel_code>/", marketplace_webhook, name="webhook"),
]
