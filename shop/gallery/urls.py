from django.urls import path

from . import views

app_name = "gallery"

# Paths are Indonesian in both languages (English lives under /en/...): they
# are the gallery's names for its sections and stay stable when shared.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("kriya/", views.CraftListView.as_view(), name="crafts"),
    path("daerah/", views.RegionListView.as_view(), name="regions"),
    path("daerah/<slug:slug>/", views.RegionDetailView.as_view(), name="region"),
    path("perajin/", views.ArtisanListView.as_view(), name="artisans"),
    path("perajin/<slug:slug>/", views.ArtisanDetailView.as_view(), name="artisan"),
]
