"""What a courier bills for one piece: actual or volumetric weight, and the crate.

Couriers bill the larger of the packed weight and the volumetric weight
(length x width x height in cm / 6000 = kg), and round a parcel up to whole
kilograms beyond a small tolerance (``billable_kilograms``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

MAX_WEIGHT_GRAMS = 150_000  # beyond any courier parcel service
MAX_SIDE_CM = 300


@dataclass(frozen=True)
class Crate:
    """The wooden crate (packing kayu) one fragile piece travels in."""

    weight_grams: int
    fee: Decimal


def volumetric_weight_grams(*, length_cm: int, width_cm: int, height_cm: int) -> int:
    """L x W x H / divisor kg, in grams rounded up (30x20x10 cm -> 1000 g)."""
    return math.ceil(length_cm * width_cm * height_cm * 1000 / settings.SHIPPING_VOLUMETRIC_DIVISOR)


def product_has_shipping_size(product) -> bool:
    return all(getattr(product, name) for name in ("weight_grams", "length_cm", "width_cm", "height_cm"))


def chargeable_weight_grams(product) -> int:
    """The larger of the packed and the volumetric weight of one piece, without crate."""
    volumetric = volumetric_weight_grams(
        length_cm=product.length_cm, width_cm=product.width_cm, height_cm=product.height_cm
    )
    return max(product.weight_grams, volumetric)


def billable_kilograms(weight_grams: int, *, tolerance_grams: int = 0) -> int:
    """Whole kilograms a courier bills: at least 1, the next one only past the tolerance.

    With JNE's 300 g tolerance 1300 g is 1 kg and 1301 g is 2 kg.
    """
    if weight_grams <= 1000:
        return 1
    whole, rest = divmod(weight_grams, 1000)
    return whole + (1 if rest > tolerance_grams else 0)


def product_crate(product) -> Crate | None:
    """The crate this product needs, from its craft category's rule (or an ancestor's)."""
    from .models import WoodenCrateRule

    categories = list(product.get_categories().all()) if product.pk else []
    if not categories:
        return None
    ids = set()
    for category in categories:
        ids.add(category.pk)
        ids.update(ancestor.pk for ancestor in category.get_ancestors())
    rule = WoodenCrateRule.objects.filter(category_id__in=ids, is_active=True).order_by("-fee").first()
    return Crate(weight_grams=rule.extra_weight_grams, fee=rule.fee) if rule else None


def product_shipping_problems(product) -> list[str]:
    """What is missing or implausible in a product's shipping weight and size.

    Empty when the product can be priced by couriers and listed on
    marketplaces; the curation approval refuses a product with problems.
    """
    problems = []
    if not product.weight_grams:
        problems.append(_("Enter the shipping weight in grams."))
    elif product.weight_grams > MAX_WEIGHT_GRAMS:
        problems.append(_("A shipping weight above 150 kg cannot go by courier: check the grams."))
    sides = {
        "length_cm": _("length"),
        "width_cm": _("width"),
        "height_cm": _("height"),
    }
    missing = [label for name, label in sides.items() if not getattr(product, name)]
    if missing:
        problems.append(
            _("Enter the package %(sides)s in centimetres.") % {"sides": ", ".join(str(label) for label in missing)}
        )
    elif any(getattr(product, name) > MAX_SIDE_CM for name in sides):
        problems.append(_("A package side above 300 cm cannot go by courier: check the centimetres."))
    return problems
