"""Paid checkouts whose buyer never came back and whose webhooks were all lost still become orders."""
import datetime

import pytest
from celery import current_app
from django.test import Client
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from oscar.core.loading import get_model

import shop.payments.tasks  # noqa: F401  (registers the task)
from shop.payments.models import CheckoutPayment
from shop.payments.schedule import SCHEDULE
from shop.payments.services import checkout_payments_catch_up

from .helpers import checkout_to_payment, pay

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def age(intent_id, minutes):
    CheckoutPayment.objects.filter(payment_intent_id=intent_id).update(
        date_created=timezone.now() - datetime.timedelta(minutes=minutes))


def test_a_paid_checkout_nobody_finished_is_placed_once(localstripe, buyable_product):
    paid_client, idle_client = Client(), Client()
    paid = checkout_to_payment(paid_client, buyable_product)
    assert pay(paid_client)[1]["status"] == "succeeded"  # then the tab closes; the webhook goes nowhere
    idle = checkout_to_payment(idle_client, buyable_product, email="lain@example.com")

    assert checkout_payments_catch_up()["placed"] == 0  # too recent: the buyer may still be paying
    age(paid, 20)
    age(idle, 20)

    counts = checkout_payments_catch_up()

    assert (counts["placed"], counts["not_paid"]) == (1, 1)
    order = Order.objects.get()
    assert CheckoutPayment.objects.get(payment_intent_id=paid).order == order
    assert order.total_incl_tax == buyable_product.stockrecords.get().price + order.shipping_incl_tax
    assert checkout_payments_catch_up()["placed"] == 0
    assert Order.objects.count() == 1


def test_the_catch_up_runs_on_the_beat_schedule():
    seeded = PeriodicTask.objects.filter(name__in=SCHEDULE)
    assert seeded.count() == len(SCHEDULE)
    for task in seeded:
        assert task.task in current_app.tasks, task.task
