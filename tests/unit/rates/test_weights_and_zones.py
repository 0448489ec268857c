"""Volumetric weight, couriers' rounding, crates, problems before approval, and every province in a zone."""
from types import SimpleNamespace

import pytest
from django.utils import translation
from oscar.core.loading import get_model

from shop.address.provinces import province_code, provinces
from shop.shipping.rates.table import zone_for_province
from shop.shipping.weights import (
    billable_kilograms,
    chargeable_weight_grams,
    product_shipping_problems,
    volumetric_weight_grams,
)


def piece(weight, length, width, height):
    return SimpleNamespace(weight_grams=weight, length_cm=length, width_cm=width, height_cm=height)


@pytest.mark.parametrize("sides,grams", [
    ((30, 20, 10), 1000),   # 6000 cm3 / 6000 = 1 kg
    ((9, 9, 11), 149),      # a sambal jar: 891 cm3 -> 148.5 g, rounded up
    ((90, 65, 40), 39000),  # a bamboo chair
    ((1, 1, 1), 1),
])
def test_volumetric_weight_is_length_width_height_over_6000(sides, grams):
    assert volumetric_weight_grams(length_cm=sides[0], width_cm=sides[1], height_cm=sides[2]) == grams


def test_the_larger_of_actual_and_volumetric_weight_is_charged():
    assert chargeable_weight_grams(piece(300, 9, 9, 11)) == 300        # the jar is heavy for its size
    assert chargeable_weight_grams(piece(900, 30, 30, 45)) == 6750     # the lamp is bulky
    assert chargeable_weight_grams(piece(9000, 90, 65, 40)) == 39000   # the chair, volumetric wins


@pytest.mark.parametrize("grams,tolerance,kilograms", [
    (1, 300, 1), (200, 300, 1), (1000, 300, 1),   # never below one kilogram
    (1300, 300, 1), (1301, 300, 2),               # JNE: 0.3 kg tolerance
    (2000, 300, 2), (2350, 300, 3),
    (1001, 0, 2), (6750, 0, 7), (6750, 300, 7), (7300, 300, 7),
])
def test_billable_kilograms_round_up_beyond_the_tolerance(grams, tolerance, kilograms):
    assert billable_kilograms(grams, tolerance_grams=tolerance) == kilograms


def test_problems_name_what_is_missing_in_both_languages():
    product = piece(None, 30, None, None)
    with translation.override("en"):
        assert product_shipping_problems(product) == [
            "Enter the shipping weight in grams.", "Enter the package width, height in centimetres."
        ]
    with translation.override("id"):
        assert product_shipping_problems(product) == [
            "Isi berat kirim dalam gram.", "Isi lebar, tinggi kemasan dalam sentimeter."
        ]
    assert product_shipping_problems(piece(300, 9, 9, 11)) == []
    assert len(product_shipping_problems(piece(200_000, 9, 9, 400))) == 2


def test_pycountry_provinces_are_all_38_and_names_resolve():
    assert len(provinces()) == 38
    assert province_code("Jawa Timur") == "ID-JI"
    assert province_code("id-pa") == "ID-PA"
    assert province_code("DKI Jakarta") == "ID-JK"
    assert province_code("Atlantis") == ""


@pytest.mark.django_db
def test_every_province_has_a_zone_and_every_zone_is_priced_from_east_java(rate_tables):
    TableRate = get_model("shipping", "TableRate")
    missing = [code for code in sorted(provinces()) if zone_for_province(code) is None]
    assert missing == []
    jatim = zone_for_province("ID-JI")
    for code in sorted(provinces()):
        zone = zone_for_province(code)
        assert TableRate.objects.filter(origin_zone=jatim, destination_zone=zone, service__courier_code="jne",
                                        service__service_code="reg").exists(), code
    assert zone_for_province("ID-PA").code == "papua"
    assert zone_for_province("ID-JK").code == "jawa"
