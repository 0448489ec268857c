"""Packed shipping weight (grams) and package size (cm: length, width, height) of every demo piece,
where each artisan ships from (postcode of the workshop), and which crafts travel in a wooden crate.

Kept beside ``catalogue_data`` (keyed by the same UPCs and artisan codes) so
the product rows stay readable. Figures are as packed: a folded batik in a
box, a sambal jar with bubble wrap, a bamboo chair flat-wrapped.
"""

#: upc -> (weight_grams, length_cm, width_cm, height_cm)
PRODUCT_SIZES: dict[str, tuple[int, int, int, int]] = {
    # Batik tulis and cap: folded cloth in a card box
    "GK-BTB-001": (450, 35, 25, 5), "GK-BTB-002": (450, 35, 25, 5), "GK-BTB-003": (400, 35, 25, 5),
    "GK-BTB-004": (200, 30, 20, 3), "GK-BTB-005": (450, 35, 25, 5), "GK-BTB-006": (400, 35, 25, 5),
    "GK-BKP-001": (400, 35, 25, 5), "GK-BKP-002": (400, 35, 25, 5), "GK-BKP-003": (400, 35, 25, 5),
    "GK-BKP-004": (450, 35, 25, 5), "GK-BKP-005": (350, 30, 25, 4), "GK-BKP-006": (350, 30, 25, 4),
    "GK-BKP-101": (300, 30, 25, 4),  # a folded shirt, whatever its size
    "GK-BMT-001": (400, 35, 25, 5), "GK-BMT-002": (400, 35, 25, 5), "GK-BMT-003": (450, 35, 25, 5),
    "GK-BMT-004": (350, 30, 25, 4), "GK-BMT-005": (350, 30, 25, 4),
    # Tenun: sarongs and cloth
    "GK-TPL-001": (600, 35, 28, 6), "GK-TPL-002": (550, 35, 28, 6), "GK-TPL-003": (600, 35, 28, 6),
    "GK-TPL-004": (500, 35, 28, 5), "GK-TPL-005": (700, 35, 28, 6), "GK-TPL-006": (200, 30, 20, 3),
    "GK-TGT-001": (500, 35, 28, 5), "GK-TGT-002": (500, 35, 28, 5), "GK-TGT-003": (250, 30, 20, 4),
    "GK-TGT-004": (400, 32, 25, 5), "GK-TGT-005": (500, 35, 28, 5),
    "GK-TBK-001": (450, 35, 28, 5), "GK-TBK-002": (450, 35, 28, 5), "GK-TBK-003": (180, 25, 18, 3),
    # Kriya bambu: light but bulky
    "GK-KBT-001": (1200, 45, 45, 40), "GK-KBT-002": (900, 30, 30, 45), "GK-KBT-003": (1100, 40, 30, 12),
    "GK-KBT-004": (300, 27, 15, 12), "GK-KBT-005": (9000, 90, 65, 40), "GK-KBT-006": (250, 10, 10, 22),
    # Anyaman
    "GK-AGB-001": (600, 40, 35, 30), "GK-AGB-002": (450, 38, 15, 32), "GK-AGB-003": (500, 42, 42, 30),
    "GK-AGB-004": (700, 55, 55, 20), "GK-AGB-005": (1600, 60, 30, 15),
    # Bordir
    "GK-BKS-001": (600, 35, 28, 8), "GK-BKS-002": (400, 35, 28, 5), "GK-BKS-003": (450, 32, 25, 5),
    "GK-BKS-004": (200, 28, 20, 3), "GK-BKS-005": (350, 30, 25, 5), "GK-BKS-006": (650, 35, 28, 8),
    # Gerabah & keramik: bubble wrap in a double box
    "GK-KDM-001": (1800, 30, 30, 40), "GK-KDM-002": (500, 15, 15, 15), "GK-KDM-003": (1600, 35, 30, 15),
    "GK-KDM-004": (3500, 40, 40, 55), "GK-KDM-005": (1400, 35, 35, 10),
    "GK-TTM-001": (1500, 30, 25, 25), "GK-TTM-002": (4000, 30, 30, 55), "GK-TTM-003": (2200, 30, 30, 45),
    "GK-TTM-004": (2500, 40, 40, 15),
    # Kuliner
    "GK-KTS-001": (300, 25, 18, 8), "GK-KTS-002": (300, 25, 18, 8), "GK-KTS-003": (300, 25, 18, 8),
    "GK-KTS-004": (1200, 32, 25, 18), "GK-DPS-001": (600, 30, 22, 12), "GK-DPS-002": (900, 25, 18, 8),
    "GK-DPS-003": (700, 30, 15, 8), "GK-DPS-004": (350, 10, 10, 12), "GK-DPS-005": (450, 22, 15, 6),
    "GK-SAS-001": (300, 9, 9, 11), "GK-SAS-002": (300, 9, 9, 11), "GK-SAS-003": (300, 9, 9, 11),
    "GK-SAS-004": (300, 9, 9, 11), "GK-SAS-005": (300, 9, 9, 11),
}

#: artisan code -> postcode of the workshop (the parcel's origin for courier APIs)
ARTISAN_POSTCODES: dict[str, str] = {
    "batik-gentongan-tanjungbumi": "69156", "batik-klampar-sekar": "69353", "batik-majan": "66262",
    "tenun-parengan": "62261", "tenun-gedog-kerek": "62356", "tenun-bandar-kidul": "64118",
    "bambu-trenggalek": "66312", "anyaman-gintangan": "68462", "bordir-kedensari": "61257",
    "keramik-dinoyo": "65144", "terakota-trowulan": "61362", "keripik-tempe-sanan": "65122",
    "dapur-pesisir-sidoarjo": "61254", "sambal-suroboyo": "60241",
}

#: category name -> (crate weight in grams, crate fee in rupiah): packing kayu for fragile crafts
WOODEN_CRATES: dict[str, tuple[int, int]] = {
    "Gerabah & Keramik": (2000, 35000),
    "Kriya Bambu": (1500, 25000),
}
