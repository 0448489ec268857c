"""Thin Celery tasks: ids in, one service call. All are safe to run twice.

Enqueue them with ``transaction.on_commit`` (the signal handlers and services
do), so a worker never looks for rows that are not committed yet.
"""
from celery import shared_task

from marketplace_sync.models import Channel


def _channels(channel_id):
    channels = Channel.objects.filter(enabled=True)
    return channels.filter(pk=channel_id) if channel_id else channels


def _summaries(results):
    return [result.summary for result in results]


@shared_task(name="marketplace_sync.pull_orders")
def pull_orders(channel_id=None):
    from marketplace_sync.services.orders import orders_pull

    return _summaries(orders_pull(channel=c) for c in _channels(channel_id))


@shared_task(name="marketplace_sync.push_listings")
def push_listings(channel_id=None, product_ids=None):
    from marketplace_sync.services.listings import listings_push

    return _summaries(listings_push(channel=c, product_ids=product_ids) for c in _channels(channel_id))


@shared_task(name="marketplace_sync.push_product")
def push_product(product_id):
    """A product changed (curation, text, price, certification): re-push it where it belongs."""
    from marketplace_sync.services.listings import listings_push

    return _summaries(listings_push(channel=c, product_ids=[product_id]) for c in _channels(None))


@shared_task(name="marketplace_sync.push_product_stock")
def push_product_stock(product_id):
    from marketplace_sync.services.stock import product_stock_push

    return _summaries(product_stock_push(product_id=product_id))


@shared_task(name="marketplace_sync.reconcile_stock")
def reconcile_stock(channel_id=None):
    from marketplace_sync.services.stock import stock_reconcile

    return _summaries(stock_reconcile(channel=c) for c in _channels(channel_id))


@shared_task(name="marketplace_sync.refresh_tokens")
def refresh_tokens():
    from marketplace_sync.services.tokens import channels_tokens_refresh_due

    return _summaries(channels_tokens_refresh_due())


@shared_task(name="marketplace_sync.process_inbound_event")
def process_inbound_event(event_id):
    from marketplace_sync.services.webhooks import inbound_event_process

    result = inbound_event_process(event_id=event_id)
    return result.summary if result else None


@shared_task(name="marketplace_sync.recover_lost_pushes")
def recover_lost_pushes(channel_id=None):
    """Pushes the marketplaces could not deliver while our web was down (Shopee keeps them 3 days)."""
    from marketplace_sync.services.webhooks import lost_pushes_recover

    return _summaries(lost_pushes_recover(channel=c) for c in _channels(channel_id))


@shared_task(name="marketplace_sync.prune_records")
def prune_records():
    from marketplace_sync.services.runs import sync_records_prune

    return sync_records_prune()


@shared_task(name="marketplace_sync.sync_campaign_promotions")
def sync_campaign_promotions(campaign_pk):
    """A campaign was saved, started or ended: run its discount on each of its channels (idempotent)."""
    from marketplace_sync.services.promotions import campaign_promotions_sync

    return campaign_promotions_sync(campaign_pk=campaign_pk)


@shared_task(name="marketplace_sync.promotions_due")
def promotions_due():
    """Every minute: promotions whose start or end passed, and pushes left unfinished."""
    from marketplace_sync.services.promotions import promotions_due as due

    return due()
