"""Parcels per artisan, their courier quotes, the buyer's choice and the frozen result.

One basket ships as one parcel per artisan (partner): each leaves from the
artisan's own regency. ``rate_quote_create`` prices every parcel with the
configured provider, falling back to the table when the provider cannot
answer; the buyer picks one service per parcel (``rate_quote_select``); the
order freezes exactly those prices (``order_parcels_freeze``).
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.address.provinces import province_code, province_name

from .rates import DestinationNotServed, Parcel, ParcelItem, Place, ProviderUnavailable, rate_provider
from .weights import chargeable_weight_grams, product_crate, product_has_shipping_size

logger = logging.getLogger("shop.shipping")

RateQuote = get_model("shipping", "RateQuote")

#: ``RateQuote.note`` when the configured provider failed and the table answered.
NOTE_TABLE_FALLBACK = "table_fallback"
#: How many recent chosen quotes of a basket stay payable (another tab may have re-quoted).
USABLE_QUOTES = 5


@dataclass
class BasketParcel:
    """One artisan's lines of a basket, weighed for the courier."""

    partner: object
    lines: list
    weight_grams: int = 0
    packing_fee: Decimal = Decimal("0")
    crates: int = 0
    items: list[ParcelItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return str(self.partner.pk)


def partner_origin(partner) -> Place:
    """Where an artisan's parcels leave from: their address, else their regency's province."""
    # Oscar's primary_address raises when a partner has two addresses: take the first.
    address = partner.addresses.order_by("pk").first()
    postcode = (address.postcode or "").strip() if address is not None else ""
    if address is not None and province_code(address.state):
        return Place(province_code(address.state), address.line4 or "", postcode)
    region = partner.region
    if region is None:
        return Place("")
    return Place(province_code(region.province), region.name, postcode)


def basket_parcels(*, basket) -> list[BasketParcel]:
    """The basket's shipped lines grouped by artisan, in the order they were added."""
    parcels: dict[int, BasketParcel] = {}
    for line in basket.all_lines():
        product = line.product
        if not product.is_shipping_required or line.stockrecord is None:
            continue
        partner = line.stockrecord.partner
        parcel = parcels.setdefault(partner.pk, BasketParcel(partner=partner, lines=[]))
        parcel.lines.append(line)
        if not product_has_shipping_size(product):
            parcel.problems.append(
                _("%(title)s has no shipping weight yet, so it cannot be priced. Please contact us.")
                % {"title": product.get_title()}
            )
            continue
        crate = product_crate(product)
        piece_grams = chargeable_weight_grams(product) + (crate.weight_grams if crate else 0)
        parcel.weight_grams += piece_grams * line.quantity
        if crate:
            parcel.crates += line.quantity
            parcel.packing_fee += crate.fee * line.quantity
        parcel.items.append(
            ParcelItem(
                name=product.get_title(), quantity=line.quantity, value=line.unit_price_incl_tax or Decimal("0"),
                weight_grams=product.weight_grams + (crate.weight_grams if crate else 0),
                length_cm=product.length_cm, width_cm=product.width_cm, height_cm=product.height_cm,
            )
        )
    return list(parcels.values())


def basket_shipping_fingerprint(*, basket) -> str:
    """Changes whenever what is shipped changes: lines, quantities, weights or sizes."""
    rows = sorted(
        f"{line.pk}:{line.product_id}:{line.stockrecord_id}:{line.quantity}:{line.product.weight_grams}:"
        f"{line.product.length_cm}x{line.product.width_cm}x{line.product.height_cm}"
        for line in basket.all_lines()
    )
    return hashlib.sha256("|".join(rows).encode()).hexdigest()


def address_destination(shipping_address) -> Place:
    if shipping_address is None:
        return Place("")
    return Place(
        province_code(shipping_address.state or ""),
        (shipping_address.line4 or "").strip(),
        (shipping_address.postcode or "").strip(),
    )


def _option_data(option, *, provider: str) -> dict:
    return {
        "code": option.code,
        "courier_code": option.courier_code,
        "service_code": option.service_code,
        "courier_name": option.courier_name,
        "service_name": option.service_name,
        "price": str(option.price),
        "etd_min_days": option.etd_min_days,
        "etd_max_days": option.etd_max_days,
        "provider": provider,
    }


def rate_quote_create(*, basket, shipping_address) -> RateQuote:
    """Price every parcel of the basket to this address and keep what the buyer will see."""
    destination = address_destination(shipping_address)
    provider = rate_provider()
    fallback = None
    note = ""
    parcels_data = []
    for parcel in basket_parcels(basket=basket):
        origin = partner_origin(parcel.partner)
        data = {
            "partner_id": parcel.partner.pk,
            "partner_name": parcel.partner.display_name,
            "origin": ", ".join(part for part in (origin.city, province_name(origin.province_code)) if part),
            "weight_grams": parcel.weight_grams,
            "packing_fee": str(parcel.packing_fee),
            "crates": parcel.crates,
            "line_ids": [line.pk for line in parcel.lines],
            "options": [],
            "problem": " ".join(parcel.problems),
        }
        parcels_data.append(data)
        if parcel.problems:
            continue
        if not destination.province_code:
            data["problem"] = _("Choose the province of the address so couriers can price this parcel.")
            continue
        request = Parcel(origin=origin, destination=destination, weight_grams=parcel.weight_grams,
                         items=tuple(parcel.items))
        answering = fallback or provider
        try:
            options = answering.rates(request)
        except ProviderUnavailable as exc:
            # A slow or failing provider must not stop the sale: the table answers.
            logger.warning("Rate provider %s unavailable, using the table: %s", answering.name, exc)
            fallback = rate_provider("table")
            answering = fallback
            note = NOTE_TABLE_FALLBACK
            try:
                options = fallback.rates(request)
            except DestinationNotServed as served_exc:
                data["problem"] = str(served_exc)
                continue
        except DestinationNotServed as exc:
            data["problem"] = str(exc)
            continue
        data["options"] = [
            _option_data(option, provider=answering.name) for option in sorted(options, key=lambda o: o.price)
        ]
    return RateQuote.objects.create(
        basket=basket,
        basket_fingerprint=basket_shipping_fingerprint(basket=basket),
        destination_province=destination.province_code,
        destination_city=destination.city,
        destination_postcode=destination.postcode,
        provider=provider.name,
        note=note,
        parcels=parcels_data,
    )


def rate_quote_is_priced(quote: RateQuote) -> bool:
    return bool(quote.parcels) and all(parcel["options"] for parcel in quote.parcels)


def rate_quote_select(*, quote: RateQuote, choices: dict[str, str]) -> RateQuote:
    """Record the buyer's service per parcel (``{partner_id: option code}``)."""
    if not rate_quote_is_priced(quote):
        raise ValidationError(_("Some parcels cannot be shipped to this address yet."))
    selection = {}
    for parcel in quote.parcels:
        key = str(parcel["partner_id"])
        code = choices.get(key, "")
        if code not in {option["code"] for option in parcel["options"]}:
            raise ValidationError(
                _("Choose a courier for the parcel from %(artisan)s.") % {"artisan": parcel["partner_name"]}
            )
        selection[key] = code
    quote.selection = selection
    quote.save(update_fields=["selection"])
    return quote


def chosen_parcels(quote: RateQuote) -> list[dict]:
    """Each parcel of a chosen quote with its chosen option and total fee."""
    result = []
    for parcel in quote.parcels:
        code = quote.selection.get(str(parcel["partner_id"]))
        option = next((option for option in parcel["options"] if option["code"] == code), None)
        if option is None:
            return []
        fee = Decimal(option["price"]) + Decimal(parcel["packing_fee"])
        result.append({**parcel, "option": option, "fee": fee})
    return result


def rate_quotes_usable(*, basket, shipping_address=None) -> list[RateQuote]:
    """The basket's chosen quotes still valid for its contents (and this address), newest first."""
    if not basket.pk:
        return []
    quotes = RateQuote.objects.filter(
        basket=basket, basket_fingerprint=basket_shipping_fingerprint(basket=basket)
    ).exclude(selection={})
    if shipping_address is not None:
        destination = address_destination(shipping_address)
        quotes = quotes.filter(
            destination_province=destination.province_code,
            destination_city=destination.city,
            destination_postcode=destination.postcode,
        )
    return [quote for quote in quotes[:USABLE_QUOTES] if chosen_parcels(quote)]


def order_parcels_freeze(*, order, quote: RateQuote) -> list:
    """Store the parcels and chosen rates on the order (inside its placement transaction)."""
    OrderParcel = get_model("order", "OrderParcel")
    Partner = get_model("partner", "Partner")
    partners = Partner.objects.in_bulk([parcel["partner_id"] for parcel in quote.parcels])
    rows = []
    with transaction.atomic():
        for parcel in chosen_parcels(quote):
            option = parcel["option"]
            rows.append(
                OrderParcel.objects.create(
                    order=order,
                    partner=partners.get(parcel["partner_id"]),
                    artisan_name=parcel["partner_name"],
                    origin=parcel["origin"],
                    weight_grams=parcel["weight_grams"],
                    courier_code=option["courier_code"],
                    service_code=option["service_code"],
                    courier_name=option["courier_name"],
                    service_name=option["service_name"],
                    rate=Decimal(option["price"]),
                    packing_fee=Decimal(parcel["packing_fee"]),
                    etd_min_days=option["etd_min_days"],
                    etd_max_days=option["etd_max_days"],
                    provider=option["provider"],
                )
            )
    return rows


def rate_quotes_prune(*, older_than_days: int | None = None) -> int:
    """Delete quotes older than the retention, except those a pending card payment still points at.

    Every visit to the shipping step stores a quote; orders keep their own
    frozen copy (``OrderParcel``), so old quotes serve nobody.
    """
    import datetime

    from django.conf import settings
    from django.utils import timezone

    from shop.payments.models import CheckoutPayment

    days = settings.SHIPPING_QUOTE_RETENTION_DAYS if older_than_days is None else older_than_days
    cutoff = timezone.now() - datetime.timedelta(days=days)
    pending_codes = CheckoutPayment.objects.filter(
        state=CheckoutPayment.State.AWAITING_PAYMENT, order__isnull=True
    ).values_list("checkout_data__shipping_method_code", flat=True)
    keep = {int(code.split("-", 1)[1]) for code in pending_codes if code and code.startswith("parcels-")}
    deleted, _ = RateQuote.objects.filter(date_created__lt=cutoff).exclude(pk__in=keep).delete()
    return deleted
