"""What a running site offer takes off one unit of a product, as Oscar's basket would.

Oscar shows offers only in the basket. The storefront shows them on every card and
product page too: ``OfferIndex`` loads the running site offers and, per range, the ids
of its products once (one query for the offers, one per range), then answers for any
number of products in Python; ``Range.contains_product`` per card would be N+1.
The offers and their ranges are cached until one of them changes; which offers run
is decided on every request (``offer_index_for``), so a campaign's start and end are
seen by the first request after them.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

ConditionalOffer = get_model("offer", "ConditionalOffer")
Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")

HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Promo:
    """A discount on one unit of a product."""

    offer: object
    campaign: object | None
    price: Decimal  # before the discount (the storefront price)
    discounted: Decimal | None  # None: the offer applies but its benefit has no per-unit price (multibuy, ...)

    @property
    def label(self):
        if self.campaign is not None:
            return self.campaign.display_name
        return self.offer.name

    @property
    def discount(self):
        return None if self.discounted is None else self.price - self.discounted


def unit_discount(benefit, price: Decimal) -> Decimal | None:
    """Oscar's discount on one unit at ``price`` (same formula and rounding as its benefits).

    PERCENTAGE: ``value / 100 * price`` rounded down to the cent (``Benefit.round``);
    FIXED_UNIT: ``value``, at most the price. Other benefits (basket-wide amounts,
    multibuy, fixed bundle price, shipping) have no honest per-unit price: None.
    """
    if benefit.type == Benefit.PERCENTAGE:
        percent = min(benefit.value or Decimal(0), HUNDRED)
        return benefit.round(percent / HUNDRED * price)
    if benefit.type == Benefit.FIXED_UNIT:
        return min(price, benefit.value or Decimal(0))
    return None


def _satisfied_by_one_unit(condition, price: Decimal) -> bool:
    if condition.type in (Condition.COUNT, Condition.COVERAGE):
        return (condition.value or 0) <= 1
    if condition.type == Condition.VALUE:
        return (condition.value or 0) <= price
    return False  # a custom condition: cannot be judged without a basket


def site_offers() -> tuple[list, dict]:
    """Every open site offer, in Oscar's order (Applicator.get_site_offers:
    highest priority first), and the ids of each of their ranges' products
    (None: every product). The same until an offer, a range or the catalogue
    changes, so cached per offers version (``offer_index_for``); which of
    them run at a moment is decided per request."""
    offers = list(
        ConditionalOffer.objects.filter(offer_type=ConditionalOffer.SITE, status=ConditionalOffer.OPEN)
        .select_related("condition__range", "benefit__range", "campaign")
        .order_by("-priority", "pk")
    )
    range_products = {}
    for offer in offers:
        for range_ in (offer.condition.range, offer.benefit.range):
            if range_ is not None and range_.pk not in range_products:
                range_products[range_.pk] = (
                    None if range_.includes_all_products and not range_.excluded_products.exists()
                    and not range_.excluded_categories.exists()
                    else set(range_.all_products().values_list("pk", flat=True))
                )
    return offers, range_products


class OfferIndex:
    def __init__(self, *, at=None, offers=None):
        at = at or timezone.now()
        offers, self._range_products = offers or site_offers()
        # The ones running at ``at`` (dates, suspension, usage limits); ``at``
        # lets a report or test ask for another moment.
        self.offers = [offer for offer in offers if offer.is_available(test_date=at)]

    def _in_range(self, range_, product) -> bool:
        if range_ is None:
            return False
        ids = self._range_products[range_.pk]
        # A child product is in a range when it or its parent is.
        return ids is None or product.pk in ids or (product.parent_id is not None and product.parent_id in ids)

    def promo_for(self, product, price: Decimal | None) -> Promo | None:
        """The first running offer (Oscar's order: highest priority first) whose
        condition one unit meets and whose benefit covers the product."""
        if price is None or not self.offers:
            return None
        for offer in self.offers:
            condition, benefit = offer.condition, offer.benefit
            if not (self._in_range(condition.range, product) and self._in_range(benefit.range, product)):
                continue
            if not _satisfied_by_one_unit(condition, price):
                continue
            discount = unit_discount(benefit, price)
            campaign = getattr(offer, "campaign", None)
            return Promo(offer=offer, campaign=campaign, price=price,
                         discounted=None if discount is None else price - discount)
        return None


def cached_site_offers(request) -> tuple[list, dict]:
    """``site_offers()`` cached per offers version (a saved offer, range, benefit,
    condition or campaign, or a catalogue change, gives a new one), read once
    per request: the storefront's prices and the basket's Applicator
    (shop/basket/applicator.py) share it."""
    from shop.gallery import summaries

    return summaries.remembered(request, "site-offers", site_offers, version=summaries.offers_version)


def offer_index_for(request) -> OfferIndex:
    """One index per request, built on first use from the cached site offers."""
    index = getattr(request, "_gk_offer_index", None) if request is not None else None
    if index is None:
        index = OfferIndex(offers=cached_site_offers(request))
        if request is not None:
            request._gk_offer_index = index
    return index
