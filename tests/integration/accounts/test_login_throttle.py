"""Login throttling (django-axes): locked after N failures on every login page, the right
password then refused with the message in the page's language; unlocked by the cool-off
and by an admin."""
import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "benar-kriya-123"
LIMIT = 3

# (page, POST for a username and password): each login form as its page posts it.
PAGES = {
    "storefront": ("/accounts/login/", lambda u, p: {"login-username": u, "login-password": p, "login_submit": "1"}),
    "dashboard": ("/dashboard/login/", lambda u, p: {"username": u, "password": p}),
    "admin": ("/admin/login/", lambda u, p: {"username": u, "password": p, "next": "/admin/"}),
}


@pytest.fixture(autouse=True)
def throttle_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)


@pytest.fixture
def staff():
    return get_user_model().objects.create_user("kurator", "kurator@galerikriya.test", PASSWORD, is_staff=True,
                                                is_superuser=True)


def attempt(page, username, password, client=None, prefix="", addr="10.0.0.1"):
    url, data = PAGES[page]
    client = client or Client(REMOTE_ADDR=addr)
    return client.post(prefix + url, data(username, password), REMOTE_ADDR=addr)


def logged_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


@pytest.mark.parametrize("page", PAGES)
def test_locked_after_n_failures_then_the_right_password_is_refused(staff, page):
    username = "kurator@galerikriya.test" if page != "admin" else "kurator"
    for _ in range(LIMIT - 1):
        assert attempt(page, username, "salah").status_code == 200  # the form again, with its error
    assert attempt(page, username, "salah").status_code == 429  # the limit-th failure locks

    response = attempt(page, username, PASSWORD)
    assert response.status_code == 429 and not logged_in(response)
    text = response.content.decode()
    assert "Terlalu banyak percobaan masuk" in text and "gk-error" in text  # Indonesian, gallery frame
    assert 'lang="id"' in text or "lang='id'" in text or "Kembali ke galeri" in text


@pytest.mark.parametrize("page", PAGES)
def test_the_lockout_page_speaks_english_under_en(staff, page):
    username = "kurator@galerikriya.test" if page != "admin" else "kurator"
    for _ in range(LIMIT):
        attempt(page, username, "wrong", prefix="/en")
    response = attempt(page, username, PASSWORD, prefix="/en")
    assert response.status_code == 429
    assert "Too many login attempts" in response.content.decode()


def test_the_account_is_locked_from_another_address_and_the_address_for_another_account(staff):
    for _ in range(LIMIT):
        attempt("storefront", "kurator@galerikriya.test", "salah", addr="10.0.0.1")
    # The same account from elsewhere: refused (per account).
    assert attempt("storefront", "Kurator@GaleriKriya.test ", PASSWORD, addr="10.9.9.9").status_code == 429
    # Another account from the locked address: refused (per address).
    get_user_model().objects.create_user("siti", "siti@galerikriya.test", PASSWORD)
    assert attempt("storefront", "siti@galerikriya.test", PASSWORD, addr="10.0.0.1").status_code == 429
    # Another account from another address: not concerned.
    assert logged_in(attempt("storefront", "siti@galerikriya.test", PASSWORD, addr="10.2.2.2"))


@pytest.mark.parametrize("page", ["storefront", "admin"])
def test_unlocked_when_the_cool_off_has_passed(staff, page):
    username = "kurator@galerikriya.test" if page != "admin" else "kurator"
    for _ in range(LIMIT):
        attempt(page, username, "salah")
    assert attempt(page, username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert logged_in(attempt(page, username, PASSWORD))


@pytest.mark.parametrize("page", ["storefront", "admin"])
def test_unlocked_by_an_admin_in_the_admin(staff, page, django_user_model):
    username = "kurator@galerikriya.test" if page != "admin" else "kurator"
    for _ in range(LIMIT):
        attempt(page, username, "salah")
    assert attempt(page, username, PASSWORD).status_code == 429

    admin = django_user_model.objects.create_superuser("admin", "admin@galerikriya.test", "x")
    operator = Client()
    operator.force_login(admin)
    listing = operator.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "10.0.0.1" in listing.content.decode()
    pks = list(AccessAttempt.objects.values_list("pk", flat=True))
    done = operator.post("/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": pks,
                                                         "post": "yes"})
    assert done.status_code == 302 and not AccessAttempt.objects.exists()
    assert logged_in(attempt(page, username, PASSWORD))


def test_unlocked_by_the_reset_command(staff):
    for _ in range(LIMIT):
        attempt("dashboard", "kurator@galerikriya.test", "salah")
    assert attempt("dashboard", "kurator@galerikriya.test", PASSWORD).status_code == 429
    call_command("axes_reset")
    assert logged_in(attempt("dashboard", "kurator@galerikriya.test", PASSWORD))


def test_passwords_are_not_kept_in_the_attempts(staff):
    attempt("storefront", "kurator@galerikriya.test", "rahasia-sekali")
    assert "rahasia-sekali" not in AccessAttempt.objects.get().post_data


def test_a_success_forgets_earlier_typos(staff):
    for _ in range(LIMIT - 1):
        attempt("storefront", "kurator@galerikriya.test", "salah")
    assert logged_in(attempt("storefront", "kurator@galerikriya.test", PASSWORD))
    for _ in range(LIMIT - 1):
        attempt("storefront", "kurator@galerikriya.test", "salah")
    assert logged_in(attempt("storefront", "kurator@galerikriya.test", PASSWORD))


def test_the_demo_loader_clears_the_demo_logins_lockouts():
    from shop.demo.logins import demo_lockouts_clear

    for _ in range(LIMIT):
        attempt("storefront", "Pembeli@GaleriKriya.test", "salah")
    assert AccessAttempt.objects.filter(username="pembeli@galerikriya.test").exists()
    assert demo_lockouts_clear() >= 1
    assert not AccessAttempt.objects.filter(username="pembeli@galerikriya.test").exists()
