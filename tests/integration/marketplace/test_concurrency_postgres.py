"""The last units, wanted at once by marketplace imports and storefront checkouts (PostgreSQL only)."""
import threading
from decimal import Decimal

import pytest
from django.db import connection
from oscar.apps.shipping.methods import Free
from oscar.core.loading import get_class, get_model

from marketplace_sync.models import ImportedOrder, Listing
from marketplace_sync.services.listings import listings_push
from marketplace_sync.services.orders import orders_fetch
from shop.partner.stock import InsufficientStock

from .conftest import SHOP_ID, listed_product, make_channel

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")

IN_STOCK = 5
THREADS = 20


def storefront_checkout(product, number):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, 1)
    shipping = Free()
    charge = shipping.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    return OrderCreator().place_order(basket=basket, total=total, shipping_method=shipping, shipping_charge=charge,
                                      order_number=number)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_buyers_for_the_last_units_never_oversell(sim, celery_eager):
    channel = make_channel(sim)
    product = listed_product(num_in_stock=IN_STOCK, price=Decimal("150000"))
    listings_push(channel=channel)
    item_id = int(Listing.objects.get(product=product).remote_item_id)
    with sim._lock:  # Shopee still shows plenty (e.g. a stock push was late)
        sim._items[item_id]["stock"] = 100
    order_sns = [sim.create_order(SHOP_ID, items=[{"item_id": item_id, "model_id": 0, "quantity": 1}])
                 for _ in range(THREADS // 2)]

    barrier = threading.Barrier(THREADS)
    outcomes, errors = [], []

    def marketplace(order_sn):
        try:
            barrier.wait()
            outcomes.append(("marketplace", orders_fetch(channel=channel, remote_order_ids=[order_sn]).created))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    def storefront(index):
        try:
            barrier.wait()
            storefront_checkout(product, f"WEB-{index}")
            outcomes.append(("storefront", 1))
        except InsufficientStock:
            outcomes.append(("storefront", 0))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=marketplace, args=(sn,)) for sn in order_sns]
    threads += [threading.Thread(target=storefront, args=(i,)) for i in range(THREADS // 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert not errors, errors
    record = product.stockrecords.get()
    assert record.num_allocated == IN_STOCK  # exactly the units in stock, never more
    # Every marketplace order was imported, once; those that found no unit are flagged oversold.
    assert ImportedOrder.objects.filter(channel=channel).count() == len(order_sns)
    marketplace_orders = Order.objects.filter(channel=channel)
    assert marketplace_orders.count() == len(order_sns)
    allocated_marketplace = sum(o.lines.get().num_allocated for o in marketplace_orders)
    storefront_placed = Order.objects.filter(channel__isnull=True).count()
    assert allocated_marketplace + storefront_placed == IN_STOCK
    assert marketplace_orders.filter(needs_review=True, review_reason=Order.OVERSOLD).count() == \
        len(order_sns) - allocated_marketplace
    # The pushed stock ends at 0 on Shopee too.
    assert sim.items[item_id]["stock"] == 0
