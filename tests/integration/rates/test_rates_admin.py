"""The rate tables are edited in the Django admin, linked from the dashboard for those who may."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from shop.accounts.roles import CURATOR, role_groups_sync

pytestmark = pytest.mark.django_db


def test_superuser_finds_and_edits_courier_rates(rate_tables):
    admin = get_user_model().objects.create_superuser("rates-admin", "rates-admin@example.com", "x")
    client = Client()
    client.force_login(admin)
    dashboard = client.get(reverse("dashboard:index")).content.decode()
    assert reverse("admin:shipping_tablerate_changelist") in dashboard
    page = client.get(reverse("admin:shipping_tablerate_changelist"))
    assert page.status_code == 200 and "JNE" in page.content.decode()
    assert client.get(reverse("admin:shipping_shippingzone_changelist")).status_code == 200


def test_curator_gets_no_link_and_no_access():
    role_groups_sync()
    curator = get_user_model().objects.create_user("rates-kurator", "rates-kurator@example.com", "x", is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATOR))
    client = Client()
    client.force_login(curator)
    dashboard = client.get(reverse("dashboard:index")).content.decode()
    assert reverse("admin:shipping_tablerate_changelist") not in dashboard
    assert client.get(reverse("admin:shipping_tablerate_changelist")).status_code == 403
