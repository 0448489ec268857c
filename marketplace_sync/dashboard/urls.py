"""Mounted at /dashboard/marketplace/ (shop/urls.py), before Oscar's dashboard include."""
from django.urls import path

from marketplace_sync.dashboard import views

app_name = "marketplace_dashboard"

urlpatterns = [
    path("", views.channel_list, name="channel-list"),
    path("channels/add/", views.channel_add, name="channel-add"),
    path("channels/<int:pk>/", views.channel_detail, name="channel-detail"),
    path("channels/<int:pk>/remove/", views.channel_remove_view, name="channel-remove"),
    path("channels/<int:pk>/sync/", views.channel_sync_now, name="channel-sync"),
    path("channels/<int:pk>/connect/", views.channel_connect_start, name="channel-connect"),
    path("channels/<int:pk>/connect/callback/", views.channel_connect_callback, name="channel-connect-callback"),
    # TikTok Shop sends every seller to the one redirect URL registered in Partner Center:
    # the channel travels in the signed OAuth state.
    path("connect/callback/", views.channel_connect_callback_by_state, name="connect-callback"),
    path("sync/", views.channel_sync_now, name="sync-all"),
    path("runs/", views.run_list, name="run-list"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("listings/", views.listing_list, name="listing-list"),
    path("products/<int:pk>/", views.product_channels, name="product-channels"),
    path("review/", views.review_list, name="review-list"),
    path("review/<int:pk>/resolve/", views.review_resolve, name="review-resolve"),
]
