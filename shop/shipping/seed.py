"""Plausible courier rates from East Java (2025 public price lists, rounded), for the table provider.

Used by the data migration ``0005_rates_seed`` and by tests. Zones group
provinces that couriers price alike from Surabaya; figures are rupiah per
kilogram and estimated days. Edit them in the admin (Shipping: table rates).
"""

ZONES = {
    # code: (name, provinces as ISO 3166-2:ID codes)
    "jatim": ("Jawa Timur", ["ID-JI"]),
    "jawa": ("Jawa (selain Jawa Timur)", ["ID-JK", "ID-JB", "ID-JT", "ID-YO", "ID-BT"]),
    "bali-ntb": ("Bali & Nusa Tenggara Barat", ["ID-BA", "ID-NB"]),
    "ntt": ("Nusa Tenggara Timur", ["ID-NT"]),
    "sumatera": ("Sumatera", ["ID-AC", "ID-SU", "ID-SB", "ID-RI", "ID-KR", "ID-JA", "ID-SS", "ID-BE", "ID-LA",
                              "ID-BB"]),
    "kalimantan": ("Kalimantan", ["ID-KB", "ID-KT", "ID-KS", "ID-KI", "ID-KU"]),
    "sulawesi": ("Sulawesi", ["ID-SA", "ID-ST", "ID-SN", "ID-SG", "ID-GO", "ID-SR"]),
    "maluku": ("Maluku", ["ID-MA", "ID-MU"]),
    "papua": ("Papua", ["ID-PA", "ID-PB", "ID-PD", "ID-PE", "ID-PS", "ID-PT"]),
}

SERVICES = [
    # courier_code, service_code, courier_name, service_name, position
    ("jne", "reg", "JNE", "REG", 1),
    ("jne", "yes", "JNE", "YES", 2),
    ("jnt", "ez", "J&T", "EZ", 3),
    ("sicepat", "reg", "SiCepat", "REG", 4),
    ("pos", "kilat", "POS Indonesia", "Kilat Khusus", 5),
]

# From the "jatim" zone: zone -> service code -> (price per kg, days from, days to).
# JNE YES (next day) does not reach Maluku and Papua.
RATES_FROM_JATIM = {
    "jatim": {"jne-reg": (9000, 1, 2), "jne-yes": (15000, 1, 1), "jnt-ez": (8000, 1, 2),
              "sicepat-reg": (8000, 1, 2), "pos-kilat": (7000, 2, 3)},
    "jawa": {"jne-reg": (14000, 2, 3), "jne-yes": (24000, 1, 1), "jnt-ez": (13000, 2, 3),
             "sicepat-reg": (12000, 2, 3), "pos-kilat": (11000, 3, 4)},
    "bali-ntb": {"jne-reg": (24000, 2, 4), "jne-yes": (40000, 1, 1), "jnt-ez": (22000, 2, 4),
                 "sicepat-reg": (21000, 2, 4), "pos-kilat": (19000, 3, 5)},
    "ntt": {"jne-reg": (45000, 3, 5), "jne-yes": (72000, 1, 2), "jnt-ez": (42000, 3, 6),
            "sicepat-reg": (40000, 3, 5), "pos-kilat": (36000, 4, 7)},
    "sumatera": {"jne-reg": (38000, 3, 5), "jne-yes": (62000, 1, 2), "jnt-ez": (35000, 3, 5),
                 "sicepat-reg": (34000, 3, 5), "pos-kilat": (30000, 4, 7)},
    "kalimantan": {"jne-reg": (42000, 3, 5), "jne-yes": (68000, 1, 2), "jnt-ez": (39000, 3, 5),
                   "sicepat-reg": (37000, 3, 5), "pos-kilat": (33000, 4, 7)},
    "sulawesi": {"jne-reg": (48000, 3, 6), "jne-yes": (78000, 1, 2), "jnt-ez": (45000, 3, 6),
                 "sicepat-reg": (43000, 3, 6), "pos-kilat": (38000, 4, 8)},
    "maluku": {"jne-reg": (78000, 4, 7), "jnt-ez": (72000, 4, 8), "sicepat-reg": (70000, 4, 7),
               "pos-kilat": (62000, 5, 10)},
    "papua": {"jne-reg": (115000, 5, 9), "jnt-ez": (108000, 5, 9), "sicepat-reg": (104000, 5, 10),
              "pos-kilat": (92000, 6, 12)},
}


def rate_tables_seed(*, ShippingZone, ProvinceZone, CourierService, TableRate):
    """Create what is missing; never overwrite figures an operator edited."""
    zones = {}
    for code, (name, provinces) in ZONES.items():
        zones[code], _ = ShippingZone.objects.get_or_create(code=code, defaults={"name": name})
        for province in provinces:
            ProvinceZone.objects.get_or_create(province_code=province, defaults={"zone": zones[code]})
    services = {}
    for courier_code, service_code, courier_name, service_name, position in SERVICES:
        services[f"{courier_code}-{service_code}"], _ = CourierService.objects.get_or_create(
            courier_code=courier_code, service_code=service_code,
            defaults={"courier_name": courier_name, "service_name": service_name, "position": position},
        )
    for zone_code, by_service in RATES_FROM_JATIM.items():
        for service_code, (price, low, high) in by_service.items():
            TableRate.objects.get_or_create(
                service=services[service_code], origin_zone=zones["jatim"], destination_zone=zones[zone_code],
                defaults={"price_per_kg": price, "etd_min_days": low, "etd_max_days": high},
            )
