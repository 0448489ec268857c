"""Each product's own shipping weight and package size reach Shopee; a change is pushed once."""
import pytest
from oscar.core.loading import get_model

from marketplace_sync.models import Listing
from marketplace_sync.services.listings import listings_push

from .conftest import listed_product

Product = get_model("catalogue", "Product")
WRITE = dict(write_only=True)

pytestmark = pytest.mark.django_db


def test_each_product_goes_with_its_own_weight_and_dimension(sim, channel):
    sambal = listed_product(title="Sambal Bawang 200 g")
    Product.objects.filter(pk=sambal.pk).update(weight_grams=300, length_cm=9, width_cm=9, height_cm=11)
    chair = listed_product(title="Kursi Santai Bambu")
    Product.objects.filter(pk=chair.pk).update(weight_grams=9000, length_cm=90, width_cm=65, height_cm=40)

    result = listings_push(channel=channel)

    assert result.created == 2, result.errors
    items = {item["item_name"]: item for item in sim.items.values()}
    assert items["Sambal Bawang 200 g"]["weight"] == 0.3
    assert items["Sambal Bawang 200 g"]["dimension"] == {"package_length": 9, "package_width": 9,
                                                          "package_height": 11}
    assert items["Kursi Santai Bambu"]["weight"] == 9.0
    assert items["Kursi Santai Bambu"]["dimension"] == {"package_length": 90, "package_width": 65,
                                                         "package_height": 40}


def test_a_weight_change_is_pushed_once(sim, channel):
    product = listed_product()
    listings_push(channel=channel)
    sim.reset_calls()

    product.refresh_from_db()
    product.weight_grams = 750
    product.save()
    first = listings_push(channel=channel)
    second = listings_push(channel=channel)
    full = listings_push(channel=channel, full=True)

    assert (first.updated, second.updated, full.updated) == (1, 0, 0)
    assert sim.count_calls("/api/v2/product/update_item", **WRITE) == 1
    listing = Listing.objects.get(channel=channel, product=product)
    assert sim.items[int(listing.remote_item_id)]["weight"] == 0.75


def test_a_product_without_weight_is_reported_not_pushed(sim, channel):
    product = listed_product()
    Product.objects.filter(pk=product.pk).update(weight_grams=None)

    result = listings_push(channel=channel, full=True)

    assert result.created == 0
    assert sim.count_calls("/api/v2/product/add_item") == 0
    listing = Listing.objects.get(channel=channel, product=product)
    assert "shipping weight" in listing.status_reason


def test_simulator_refuses_weights_and_sizes_beyond_the_logistics_limits(sim, channel):
    heavy = listed_product(title="Guci Raksasa")
    Product.objects.filter(pk=heavy.pk).update(weight_grams=60000)
    tall = listed_product(title="Arca Tinggi")
    Product.objects.filter(pk=tall.pk).update(height_cm=120)

    result = listings_push(channel=channel)

    assert result.created == 0 and result.failed == 2
    errors = dict(Listing.objects.filter(channel=channel).values_list("product__title", "last_error"))
    assert "weight" in errors["Guci Raksasa"] and "dimension" in errors["Arca Tinggi"]
