"""Operable logs: 4xx as one line without traceback, Jakarta time with its offset in every
process, one structured line per sync run and payment, the demo's emails in files and an outbox."""
import io
import logging
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.mail import EmailMultiAlternatives
from django.test import Client

from marketplace_sync.models import Channel, SyncRun
from marketplace_sync.services.runs import sync_run

ROOT = Path(__file__).resolve().parents[2]
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00 (INFO|WARNING|ERROR|DEBUG) ")


@pytest.fixture
def console():
    """What the project's console handler writes (its format and filters), captured."""
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "name", "") == "console")
    buffer = io.StringIO()
    old = handler.setStream(buffer)
    yield buffer
    handler.setStream(old)


@pytest.fixture
def channel(db):
    channel = Channel(kind="shopee", code="shopee-logs", name="Shopee", api_base_url="http://127.0.0.1:9/")
    channel.set_credentials({"partner_id": 1, "partner_key": "k"})
    channel.save()
    return channel


def test_a_404_is_one_line_without_traceback(console, db):
    assert Client().get("/tidak-ada-halaman-ini/").status_code == 404
    lines = console.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert "Not Found: /tidak-ada-halaman-ini/" in lines[0] and STAMP.match(lines[0])
    assert "Traceback" not in console.getvalue()


def test_a_403_is_one_line_without_traceback(console, channel, django_user_model):
    viewer = django_user_model.objects.create_user("kurator", "k@kriya.example", "x", is_staff=True)
    client = Client()
    client.force_login(viewer)
    response = client.post(f"/dashboard/marketplace/channels/{channel.pk}/", {"name": "x"})
    assert response.status_code == 403
    lines = console.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert "Forbidden" in lines[0] and "Traceback" not in console.getvalue()


def test_a_500_keeps_its_traceback(console):
    logger = logging.getLogger("django.request")
    try:
        raise ValueError("boom")
    except ValueError:
        logger.error("Internal Server Error: /x/", exc_info=True, extra={"status_code": 500})
    assert "Traceback" in console.getvalue()


def test_every_process_formats_jakarta_time_with_its_offset():
    """Web (settings LOGGING), Celery (its setup_logging receiver) and the standalone local Stripe server."""
    script = (
        "import logging, os, time; os.environ['TZ'] = 'UTC'; time.tzset();"
        "import django; django.setup();"
        "from celery.signals import setup_logging; setup_logging.send(sender=None, loglevel='INFO', logfile=None,"
        " format='', colorize=False);"
        "logging.getLogger('celery.worker').warning('from the worker');"
        "from shop.log import configure_standalone; configure_standalone();"
        "logging.getLogger('localstripe').warning('from localstripe')"
    )
    env = {"DJANGO_SETTINGS_MODULE": "shop.settings.test", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", "import shop.celery;" + script], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    lines = [line for line in result.stderr.splitlines() if "from the" in line or "from localstripe" in line]
    assert len(lines) == 2, result.stderr
    assert all(STAMP.match(line) for line in lines), lines


def test_a_sync_run_says_what_happened_in_one_line(channel, caplog):
    with caplog.at_level(logging.DEBUG, logger="marketplace_sync"):
        with sync_run(channel=channel, kind=SyncRun.PUSH) as result:
            result.created, result.updated, result.unchanged = 3, 1, 40
        with sync_run(channel=channel, kind=SyncRun.PUSH) as result:
            result.created = 1
            result.error("Batik Gentongan: image refused")
    lines = [r for r in caplog.records if r.getMessage().startswith("sync push")]
    assert len(lines) == 2
    first, second = (r.getMessage() for r in lines)
    assert re.fullmatch(r"sync push channel=shopee-logs status=succeeded created=3 updated=1 unchanged=40 "
                        r"failed=0 duration_ms=\d+", first)
    assert lines[0].levelno == logging.INFO
    assert "status=partial" in second and 'first_error="Batik Gentongan: image refused"' in second
    assert lines[1].levelno == logging.WARNING


def test_payment_amounts_read_as_rupiah_in_log_lines():
    from shop.payments.models import CheckoutPayment
    from shop.payments.services import log_amount

    assert log_amount(CheckoutPayment(amount=Decimal("1096000.00"), currency="idr")) == "IDR 1.096.000"


def test_the_demo_settings_write_emails_to_files():
    script = "from django.conf import settings; print(settings.EMAIL_BACKEND); print(settings.EMAIL_FILE_PATH)"
    env = {"DJANGO_SETTINGS_MODULE": "shop.settings.local", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    backend, path = result.stdout.split()[-2:]
    assert backend == "django.core.mail.backends.filebased.EmailBackend", result.stderr
    assert path.endswith("var/mail")


def test_the_outbox_lists_the_emails_and_shows_their_html_sandboxed(settings, tmp_path, django_user_model):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    for number in (1, 2):
        message = EmailMultiAlternatives(f"Pesanan GK-{number} diterima", "Terima kasih.", to=["dian@example.com"])
        message.attach_alternative(f"<p>Terima kasih</p><script>alert({number})</script>", "text/html")
        message.send()
    staff = django_user_model.objects.create_user("staf", "staf@kriya.example", "x", is_staff=True)
    client = Client()
    assert client.get("/dashboard/outbox/").status_code == 302  # staff only
    client.force_login(staff)
    page = client.get("/dashboard/outbox/").content.decode()
    assert page.index("Pesanan GK-2") < page.index("Pesanan GK-1")  # newest first
    key = re.search(r'href="/dashboard/outbox/([^"/]+)/"', page).group(1)
    detail = client.get(f"/dashboard/outbox/{key}/").content.decode()
    assert 'sandbox=""' in detail and "&lt;script&gt;alert(2)&lt;/script&gt;" in detail
    assert "<script>alert(2)" not in detail
    assert "Terima kasih." in detail
    assert client.get("/dashboard/outbox/..%2F..%2Fetc%2Fpasswd:0/").status_code == 404
