"""Thin Celery tasks for card payments: one service call each."""
from celery import shared_task


@shared_task(name="payments.catch_up")
def catch_up():
    from shop.payments.services import checkout_payments_catch_up

    return checkout_payments_catch_up()
