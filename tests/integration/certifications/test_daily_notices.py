"""Reminders 30 and 7 days ahead and expiry notices: once each, in the recipient's language."""
import pytest
from celery import current_app
from django.core import mail
from django_celery_beat.models import PeriodicTask
from oscar.core.loading import get_model

import shop.certifications.tasks  # noqa: F401  (registers the tasks)
from shop.certifications.models import CertificationNotice
from shop.certifications.schedule import SCHEDULE
from shop.certifications.services import certification_submit, certifications_daily_run

from .conftest import days, food_product, pdf_upload

Certification = get_model("catalogue", "Certification")
CommunicationEventType = get_model("communication", "CommunicationEventType")

pytestmark = pytest.mark.django_db


def to(address):
    return [message for message in mail.outbox if address in message.to]


def test_the_daily_entry_is_seeded_and_names_a_registered_task():
    seeded = PeriodicTask.objects.filter(name__in=SCHEDULE)
    assert seeded.count() == len(SCHEDULE)
    for task in seeded:
        assert task.task in current_app.tasks, task.task
        assert (task.interval.every, task.interval.period) == (1, "days")


def test_the_email_types_exist_for_the_dashboard():
    assert set(CommunicationEventType.objects.filter(code__startswith="CERT_").values_list("code", flat=True)) == {
        "CERT_EXPIRING", "CERT_EXPIRED"}


def test_reminders_go_once_at_30_and_at_7_days_in_the_artisans_language(kuliner, artisans, curator):
    # Sanan reads Indonesian, Pesisir English (their profiles' language).
    keripik, halal, _ = food_product(category=kuliner, artisan=artisans["sanan"], halal_expiry=40,
                                     title="Keripik Tempe Sanan Original")
    bandeng, _, pirt = food_product(category=kuliner, artisan=artisans["pesisir"], pirt_expiry=40,
                                    title="Bandeng Presto")

    assert certifications_daily_run(today=days(5)).emails == 0  # 35 days ahead: nothing yet
    result = certifications_daily_run(today=days(10))  # 30 days ahead
    assert result.reminders == {30: 2, 7: 0}
    sanan, pesisir = to("sanan@example.com"), to("pesisir@example.com")
    assert len(sanan) == len(pesisir) == 1
    assert "Keripik Tempe Sanan Original" in sanan[0].subject
    assert "kedaluwarsa" in sanan[0].subject and "30 hari" in sanan[0].subject
    assert "expires in 30 days" in pesisir[0].subject and "Bandeng Presto" in pesisir[0].subject
    assert f"/en/dashboard/certifications/products/{bandeng.pk}/?renew={pirt.pk}" in pesisir[0].body
    assert f"/dashboard/certifications/products/{keripik.pk}/?renew={halal.pk}" in sanan[0].body
    assert not to("kurator@example.com")  # reminders are the artisan's to act on

    mail.outbox.clear()
    for day in (11, 20, 32):
        assert certifications_daily_run(today=days(day)).emails == 0
    assert certifications_daily_run(today=days(33)).reminders == {30: 0, 7: 2}  # 7 days ahead
    assert "7 hari" in to("sanan@example.com")[0].subject
    assert "7 days" in to("pesisir@example.com")[0].subject
    mail.outbox.clear()
    assert certifications_daily_run(today=days(34)).emails == 0
    assert not mail.outbox
    assert CertificationNotice.objects.count() == 4


def test_expiry_tells_the_artisan_and_the_curators_once(kuliner, artisans, curator):
    keripik, halal, _ = food_product(category=kuliner, artisan=artisans["sanan"], halal_expiry=2)

    result = certifications_daily_run(today=days(3))

    assert result.held == [keripik.pk] and result.expired_notices == 1
    artisan_mail, curator_mail = to("sanan@example.com"), to("kurator@example.com")
    assert len(artisan_mail) == len(curator_mail) == 1
    assert "kedaluwarsa" in artisan_mail[0].subject
    assert "tidak dijual" in artisan_mail[0].body  # told the product is off sale
    assert "/dashboard/certifications/review/" in curator_mail[0].body
    assert keripik.get_title() in curator_mail[0].body
    mail.outbox.clear()
    assert certifications_daily_run(today=days(3)).emails == 0
    assert certifications_daily_run(today=days(9)).emails == 0
    assert not mail.outbox


def test_a_certificate_already_renewed_gets_no_reminder(kuliner, artisans):
    keripik, halal, _ = food_product(category=kuliner, artisan=artisans["sanan"], halal_expiry=20)
    certification_submit(product=keripik, data={
        "kind": Certification.HALAL, "number": "ID-NEW", "issuer": "BPJPH", "expiry_date": days(800),
        "scan": pdf_upload()})
    assert certifications_daily_run().emails == 0
    assert not mail.outbox


def test_a_certificate_added_a_few_days_before_expiry_gets_the_7_day_reminder_only(kuliner, artisans):
    food_product(category=kuliner, artisan=artisans["pesisir"], halal_expiry=5)
    assert certifications_daily_run().reminders == {30: 0, 7: 1}
    assert certifications_daily_run().emails == 0
    assert len(mail.outbox) == 1
