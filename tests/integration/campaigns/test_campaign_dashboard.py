"""The campaign dashboard: who may open it, the form in WIB, and Oscar's offer wizard start."""
import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from shop.accounts.roles import ARTISAN, CURATOR
from shop.campaigns.models import Campaign
from tests.factories import ArtisanFactory, CraftCategoryFactory, ProductFactory

ConditionalOffer = get_model("offer", "ConditionalOffer")
Benefit = get_model("offer", "Benefit")
User = get_user_model()
JAKARTA = ZoneInfo("Asia/Jakarta")

pytestmark = pytest.mark.django_db


def user(username, group=None, **flags):
    person = User.objects.create_user(username, f"{username}@example.com", "pw-kriya-123", **flags)
    if group:
        person.groups.add(Group.objects.get(name=group))
    return person


def test_curator_and_admin_open_campaigns_artisan_does_not(client):
    artisan = user("siti", group=ARTISAN)
    ArtisanFactory().users.add(artisan)
    url = reverse("dashboard:campaign-list")
    client.force_login(artisan)
    assert client.get(url).status_code in (302, 403)
    client.force_login(user("kurator", group=CURATOR, is_staff=True))
    assert client.get(url).status_code == 200
    assert client.get(reverse("dashboard:campaign-create")).status_code == 200


def test_create_from_the_form_in_jakarta_time(admin_client):
    craft = CraftCategoryFactory(name="Tenun")
    tenun = ProductFactory(title="Tenun Ikat", price=Decimal("400000"), categories=[craft])
    batik = ProductFactory(title="Batik Tulis", price=Decimal("300000"))
    response = admin_client.post(reverse("dashboard:campaign-create"), {
        "name": "Harbolnas", "name_en": "Harbolnas", "slug": "harbolnas",
        "starts_at": "2026-12-12T00:00", "ends_at": "2026-12-12T23:59",
        "text": "Hari Belanja Online Nasional.", "text_en": "National Online Shopping Day.",
        "discount_kind": Campaign.FIXED, "discount_value": "25000",
        "products": [batik.pk], "categories": [craft.pk],
    })
    assert response.status_code == 302, response.context["form"].errors
    campaign = Campaign.objects.get(slug="harbolnas")
    assert campaign.starts_at == dt.datetime(2026, 12, 12, 0, 0, tzinfo=JAKARTA)
    assert campaign.ends_at == dt.datetime(2026, 12, 12, 23, 59, 59, tzinfo=JAKARTA)
    offer = campaign.offer
    assert (offer.offer_type, offer.start_datetime, offer.end_datetime) == (
        ConditionalOffer.SITE, campaign.starts_at, campaign.ends_at)
    assert (offer.benefit.type, offer.benefit.value) == (Benefit.FIXED_UNIT, Decimal("25000"))
    assert set(campaign.range.all_products()) == {tenun, batik}
    # The edit form shows the saved period back in WIB.
    page = admin_client.get(reverse("dashboard:campaign-update", kwargs={"pk": campaign.pk})).content.decode()
    assert 'value="2026-12-12T00:00"' in page


def test_form_refuses_an_end_before_the_start_and_an_empty_campaign(admin_client):
    response = admin_client.post(reverse("dashboard:campaign-create"), {
        "name": "Salah", "slug": "salah", "starts_at": "2026-12-12T10:00", "ends_at": "2026-12-12T09:00",
        "discount_kind": Campaign.PERCENTAGE, "discount_value": "120",
    })
    errors = response.context["form"].errors
    assert set(errors) >= {"ends_at", "discount_value", "products"}
    assert not Campaign.objects.exists()


def test_oscar_offer_wizard_proposes_a_start_already_begun():
    RestrictionsForm = get_class("dashboard.offers.forms", "RestrictionsForm")
    form = RestrictionsForm()
    start = form.fields["start_datetime"].initial
    assert start <= timezone.now() and timezone.now() - start < dt.timedelta(minutes=1)
    assert 'data-stepminute="1"' in str(form["start_datetime"]).lower()


def test_menu_lists_campaigns_beside_offers_for_curators(client):
    client.force_login(user("kurator", group=CURATOR, is_staff=True))
    html = client.get(reverse("dashboard:index")).content.decode()
    assert reverse("dashboard:campaign-list") in html


def test_english_landing_page_and_language_switch(client):
    now = timezone.now()
    from shop.campaigns.services import campaign_save

    batik = ProductFactory(title="Batik", price=Decimal("100000"))
    campaign_save(campaign=Campaign(name="Hari Batik", name_en="Batik Day", slug="hari-batik",
                                    starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=1),
                                    discount_kind=Campaign.PERCENTAGE, discount_value=Decimal("10")),
                  products=[batik])
    html = client.get("/en/campaign/hari-batik/").content.decode()
    assert "Batik Day" in html and "Rp\xa090.000" in html
    # The switcher posts the path without its prefix; each language lands on its own spelling.
    response = client.post("/i18n/setlang/", {"language": "id", "next": "/campaign/hari-batik/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/kampanye/hari-batik/" and response.status_code == 200
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/kampanye/hari-batik/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/en/campaign/hari-batik/" and response.status_code == 200


@pytest.mark.parametrize("url_name", ["dashboard:offer-list", "dashboard:range-list", "dashboard:range-create",
                                      "dashboard:voucher-list", "dashboard:voucher-create",
                                      "dashboard:voucher-set-list", "dashboard:voucher-set-create",
                                      "dashboard:offer-metadata"])
def test_oscar_offers_ranges_and_vouchers_stay_available(admin_client, url_name):
    response = admin_client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Baris-baris" not in html and "Berbagai" not in html


def test_ranges_are_called_rentang_produk(admin_client):
    assert "Rentang produk" in admin_client.get(reverse("dashboard:range-list")).content.decode()
