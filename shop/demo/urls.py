from django.urls import path

from shop.demo import views

app_name = "demo"

urlpatterns = [
    path("", views.outbox_list, name="outbox"),
    path("<str:key>/", views.outbox_detail, name="outbox-email"),
]
