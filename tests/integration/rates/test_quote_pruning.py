"""Old rate quotes are pruned daily, except one a card payment is still waiting on."""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from shop.payments.models import CheckoutPayment
from shop.shipping.schedule import SCHEDULE
from shop.shipping.services import rate_quotes_prune

Basket = get_model("basket", "Basket")
RateQuote = get_model("shipping", "RateQuote")

pytestmark = pytest.mark.django_db


def _quote(basket, days_old):
    quote = RateQuote.objects.create(basket=basket, basket_fingerprint="x", destination_province="ID-PA",
                                     destination_city="Jayapura", provider="table")
    RateQuote.objects.filter(pk=quote.pk).update(date_created=timezone.now() - datetime.timedelta(days=days_old))
    return quote


def test_old_quotes_go_unless_a_payment_waits_on_them():
    basket = Basket.objects.create()
    old, waited_on, recent = _quote(basket, 10), _quote(basket, 10), _quote(basket, 1)
    CheckoutPayment.objects.create(
        payment_intent_id="pi_prune", basket=basket, order_number="100001", amount=Decimal("100000"),
        currency="IDR", basket_fingerprint="x", checkout_data={"shipping_method_code": f"parcels-{waited_on.pk}"},
    )

    assert rate_quotes_prune(older_than_days=7) == 1
    assert set(RateQuote.objects.values_list("pk", flat=True)) == {waited_on.pk, recent.pk}
    assert rate_quotes_prune(older_than_days=7) == 0
    assert old.pk not in RateQuote.objects.values_list("pk", flat=True)


def test_the_daily_prune_is_a_registered_task():
    from shop.celery import app

    app.loader.import_default_modules()
    for task, _every, _period in SCHEDULE.values():
        assert task in app.tasks
