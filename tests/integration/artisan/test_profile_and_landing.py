"""The artisan's contact profile, and where each role lands after logging in."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from shop.accounts.landing import landing_url_for
from shop.accounts.roles import CURATOR
from shop.demo.logins import DEMO_LOGINS

pytestmark = pytest.mark.django_db
User = get_user_model()


def profile_url(partner):
    return reverse("dashboard:artisan-profile-edit", kwargs={"pk": partner.pk})


def test_an_artisan_changes_their_contact_fields_without_curation(client, gallery):
    client.force_login(gallery["gresik_user"])
    start = client.get(reverse("dashboard:artisan-profile"))
    assert start.status_code == 302 and start["Location"] == profile_url(gallery["gresik"])

    page = client.get(profile_url(gallery["gresik"]))
    assert page.status_code == 200 and "+6281111111111" in page.content.decode()

    response = client.post(profile_url(gallery["gresik"]), {"whatsapp": "+6281299998888", "language": "en"},
                           follow=True)
    gallery["gresik"].refresh_from_db()
    assert (gallery["gresik"].whatsapp, gallery["gresik"].language) == ("+6281299998888", "en")
    assert "Data kontak Anda sudah disimpan." in response.content.decode()


def test_a_bad_number_is_explained_and_nothing_is_lost(client, gallery):
    client.force_login(gallery["gresik_user"])
    response = client.post(profile_url(gallery["gresik"]), {"whatsapp": "0812-abc", "language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "format internasional" in html and 'value="0812-abc"' in html
    gallery["gresik"].refresh_from_db()
    assert gallery["gresik"].whatsapp == "+6281111111111" and gallery["gresik"].language == "id"


def test_another_artisans_profile_is_untouchable(client, gallery):
    client.force_login(gallery["gresik_user"])
    assert client.get(profile_url(gallery["madura"])).status_code == 404
    response = client.post(profile_url(gallery["madura"]), {"whatsapp": "+6280000000000", "language": "id"})
    assert response.status_code == 404
    gallery["madura"].refresh_from_db()
    assert (gallery["madura"].whatsapp, gallery["madura"].language) == ("+6282222222222", "en")


def test_only_the_contact_fields_can_be_changed(client, gallery):
    client.force_login(gallery["gresik_user"])
    client.post(profile_url(gallery["gresik"]), {"whatsapp": "+6281299998888", "language": "id",
                                                 "name": "Diganti", "story": "Diganti", "slug": "diganti"})
    gallery["gresik"].refresh_from_db()
    assert gallery["gresik"].name == "Sanggar Gresik" and gallery["gresik"].slug == "sanggar-gresik"


def shop_login(client, email, password="pw-kriya-123"):
    return client.post(reverse("customer:login"), {
        "login-username": email, "login-password": password, "login-redirect_url": "", "login_submit": "1"})


def follow_to_end(client, response):
    while response.status_code == 302:
        response = client.get(response["Location"])
    return response.request["PATH_INFO"]


def test_an_artisan_lands_on_their_overview_after_either_login(client, gallery):
    assert follow_to_end(client, shop_login(client, "gresik@example.com")) == "/dashboard/"
    client.logout()
    response = client.post(reverse("dashboard:login"), {"username": "gresik@example.com",
                                                         "password": "pw-kriya-123"})
    assert follow_to_end(client, response) == "/dashboard/"


def test_next_still_wins(client, gallery):
    response = client.post(reverse("dashboard:login") + "?next=/dashboard/orders/",
                           {"username": "gresik@example.com", "password": "pw-kriya-123"})
    assert response["Location"] == "/dashboard/orders/"


def test_a_buyer_lands_on_the_storefront(client, gallery):
    assert follow_to_end(client, shop_login(client, "pembeli@example.com")) == "/"


def test_landing_per_role(gallery):
    curator = User.objects.create_user("kurator", "kurator@example.com", "pw", is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATOR))
    assert landing_url_for(gallery["gresik_user"]) == "dashboard:index"
    assert landing_url_for(curator) == reverse("dashboard:curation-queue")
    admin = User.objects.create_superuser("admin", "admin@example.com", "pw")
    assert landing_url_for(admin) == "dashboard:index"
    assert str(landing_url_for(gallery["buyer"])) == "/"


def test_the_demo_banner_says_where_artisans_land():
    assert {login.start_path for login in DEMO_LOGINS if login.role == "artisan"} == {"dashboard/"}
