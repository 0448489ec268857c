"""Shopee order payloads mapped to our remote order, from the documented samples."""
import pytest

from marketplace_sync.adapters.shopee.mapping import street_part


@pytest.mark.parametrize("address, street", [
    # The sample of get_order_detail's recipient_address.full_address.
    ({"full_address": "C-15-14 BLOK C JALAN 30/146, Asajaya, 40009, Sarawak", "city": "Asajaya",
      "state": "Sarawak", "zipcode": "40009", "region": "MY"}, "C-15-14 BLOK C JALAN 30/146"),
    ({"full_address": "Jl. Ijen No. 25, Klojen, Kota Malang, Jawa Timur, ID, 65111", "district": "Klojen",
      "city": "Kota Malang", "state": "Jawa Timur", "region": "ID", "zipcode": "65111"}, "Jl. Ijen No. 25"),
    # Masked addresses (some markets) are kept as they come.
    ({"full_address": "Ấp******", "city": "Huyện Phước Long", "state": "Bạc Liêu"}, "Ấp******"),
    ({"full_address": "Jl. Sunan Drajat 9, Paciran", "city": "Kabupaten Lamongan"}, "Jl. Sunan Drajat 9, Paciran"),
])
def test_street_is_full_address_without_the_parts_that_have_their_own_fields(address, street):
    assert street_part(address) == street
