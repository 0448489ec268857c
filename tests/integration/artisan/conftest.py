"""Two artisans, their pieces and orders from the storefront and a marketplace channel.

The storefront order holds Rp 450.000 of Gresik's work and Rp 385.000 of
Madura's (the issue's example): Gresik's numbers must say Rp 450.000, never 835.000.
"""
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test import factories as oscar_factories

from marketplace_sync.models import Channel, ImportedOrder
from shop.accounts.roles import ARTISAN
from tests.factories import ArtisanFactory, ProductFactory

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Basket = get_model("basket", "Basket")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")
Selector = get_class("partner.strategy", "Selector")
User = get_user_model()


def artisan_user(artisan, username, **extra):
    user = User.objects.create_user(username, f"{username}@example.com", "pw-kriya-123", **extra)
    user.groups.add(Group.objects.get(name=ARTISAN))
    artisan.users.add(user)
    return user


def storefront_order(buyer, products, **address):
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    for product in products:
        basket.add_product(product)
    order = oscar_factories.create_order(
        basket=basket, user=buyer,
        shipping_address=oscar_factories.ShippingAddressFactory(**address) if address else None,
    )
    return Order.objects.get(pk=order.pk)  # as stored: the number is a string


def marketplace_order(channel, remote_id, lines, *, buyer="Rini Kusuma", status="Baru", placed=None):
    """An imported marketplace order as marketplace_sync builds it: no user, the buyer in the address."""
    country, _ = Country.objects.get_or_create(iso_3166_1_a2="ID", defaults={"name": "Indonesia",
                                                                             "printable_name": "Indonesia"})
    first, _, last = buyer.partition(" ")
    address = ShippingAddress.objects.create(first_name=first, last_name=last, line1="Jl. Diponegoro 5",
                                             line4="Malang", postcode="65111", country=country)
    total = sum((price * qty for _, price, qty in lines), Decimal("0"))
    order = Order.objects.create(
        number=f"{channel.code}-{remote_id}", channel=channel, remote_order_number=remote_id, currency="IDR",
        total_incl_tax=total, total_excl_tax=total, shipping_incl_tax=0, shipping_excl_tax=0,
        shipping_address=address, status=status, date_placed=placed or timezone.now(),
    )
    for product, price, qty in lines:
        record = product.stockrecords.get()
        Line.objects.create(
            order=order, partner=record.partner, partner_name=record.partner.display_name,
            partner_sku=record.partner_sku, stockrecord=record, product=product, title=product.get_title(),
            quantity=qty, line_price_incl_tax=price * qty, line_price_excl_tax=price * qty,
            line_price_before_discounts_incl_tax=price * qty, line_price_before_discounts_excl_tax=price * qty,
            unit_price_incl_tax=price, unit_price_excl_tax=price, status=status, num_allocated=0,
        )
    ImportedOrder.objects.create(channel=channel, remote_order_id=remote_id, order=order,
                                 raw_payload={"order_sn": remote_id, "buyer_username": buyer.lower().replace(" ", "")})
    return order


@pytest.fixture
def gallery(db):
    gresik = ArtisanFactory(name="Sanggar Gresik", whatsapp="+6281111111111")
    madura = ArtisanFactory(name="Sanggar Madura", whatsapp="+6282222222222", language="en")
    songket = ProductFactory(title="Songket Gresik Benang Emas", artisan=gresik, price=Decimal("450000"),
                             num_in_stock=6)
    batik = ProductFactory(title="Batik Tanjungbumi Gentongan", artisan=madura, price=Decimal("385000"),
                           num_in_stock=6)
    shopee = Channel.objects.create(kind=Channel.SHOPEE, code="shopee-galeri", name="Shopee Galeri Kriya",
                                    api_base_url="http://127.0.0.1:9")
    buyer = User.objects.create_user("pembeli", "pembeli@example.com", "pw-kriya-123",
                                     first_name="Sri", last_name="Wahyuni")
    shared = storefront_order(buyer, [songket, batik], first_name="Sri", last_name="Wahyuni",
                              line1="Jl. Kenjeran 12", line4="Surabaya")
    gresik_on_shopee = marketplace_order(shopee, "2611A", [(songket, Decimal("300000"), 1)], buyer="Rini Kusuma")
    madura_on_shopee = marketplace_order(shopee, "2611B", [(batik, Decimal("200000"), 2)], buyer="Bagus Prakoso")
    return {
        "gresik": gresik, "madura": madura, "songket": songket, "batik": batik, "shopee": shopee,
        "buyer": buyer, "shared": shared, "gresik_on_shopee": gresik_on_shopee,
        "madura_on_shopee": madura_on_shopee,
        "gresik_user": artisan_user(gresik, "gresik", first_name="Nur", last_name="Aini"),
        "madura_user": artisan_user(madura, "madura"),
    }

