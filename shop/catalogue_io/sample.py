"""A sample catalogue file for trying the import: N rows of new products, a few deliberately bad.

Built from the catalogue in the database (its artisans, crafts and regions), so
the good rows import as they are. The bad rows carry one error each, in turn: a
negative price, an unknown artisan, a certificate expiry that is no date, a
duplicate SKU, a price with decimals, an unknown craft.
"""
from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from PIL import Image, ImageDraw

from shop.catalogue_io.resources import COLUMNS

Partner = get_model("partner", "Partner")
Category = get_model("catalogue", "Category")
Region = get_model("catalogue", "Region")

BAD_KINDS = ("negative_price", "unknown_artisan", "bad_date", "duplicate_sku", "decimal_price", "unknown_craft")


class SampleError(Exception):
    pass


def _image(number: int) -> bytes:
    shade = 90 + (number * 37) % 120
    image = Image.new("RGB", (480, 480), (shade, 70, 40))
    draw = ImageDraw.Draw(image)
    for step in range(0, 480, 40):
        draw.line((0, step, 480, 480 - step), fill=(230, 200, 150), width=3)
    draw.text((24, 440), f"Contoh {number:03d}", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def sample_rows(*, rows: int, bad: int, prefix: str = "CONTOH") -> tuple[list[list], list[int]]:
    """The rows (as lists in COLUMNS order) and the spreadsheet row numbers of the bad ones."""
    from shop.certifications.models import CraftCertificationRequirement

    partners = list(Partner.objects.order_by("code"))
    required = set(CraftCertificationRequirement.objects.values_list("category_id", flat=True))
    crafts = [c for c in Category.get_root_nodes() if c.pk not in required] or list(Category.get_root_nodes())
    regions = list(Region.objects.order_by("slug"))
    if not partners or not crafts:
        raise SampleError(_("The catalogue needs at least one artisan and one craft category first "
                            "(python manage.py load_demo_catalogue)."))
    if not 0 <= bad <= rows:
        raise SampleError(_("--bad must be between 0 and --rows."))
    # Bad rows spread through the file (not all at the end), one kind of error each.
    bad_indexes = {round((i + 1) * rows / (bad + 1)) - 1 for i in range(bad)} if bad else set()
    data, bad_rows, kinds = [], [], iter(BAD_KINDS * (bad // len(BAD_KINDS) + 1))
    for index in range(rows):
        number = index + 1
        partner, craft = partners[index % len(partners)], crafts[index % len(crafts)]
        region = regions[index % len(regions)].slug if regions else ""
        values = {
            "sku": f"{prefix}-{number:04d}", "title": f"{craft.name} Contoh Impor {number:03d}",
            "artisan_code": partner.code, "craft": craft.name, "region": region,
            "materials": "Katun primisima, pewarna alam", "materials_en": "Primissima cotton, natural dyes",
            "technique": "Dikerjakan tangan", "technique_en": "Handmade",
            "story": f"Contoh produk nomor {number} untuk mencoba impor katalog.",
            "story_en": f"Sample product number {number} for trying the catalogue import.",
            "certifications": "", "weight_grams": 400 + index % 7 * 50, "length_cm": 30, "width_cm": 20,
            "height_cm": 5, "price": 150_000 + index * 5_000, "stock": 1 + index % 9, "export_ready": "tidak",
            "one_of_a_kind": "ya" if index % 5 == 0 else "tidak", "lead_time_days": 0,
            "images": f"contoh-{number:03d}.jpg",
        }
        if index in bad_indexes:
            kind = next(kinds)
            bad_rows.append(number + 1)
            if kind == "negative_price":
                values["price"] = -25_000
            elif kind == "unknown_artisan":
                values["artisan_code"] = "perajin-tidak-dikenal"
            elif kind == "bad_date":
                values["certifications"] = "sni:SNI-0001:31-13-2027"
            elif kind == "duplicate_sku":
                values["sku"] = f"{prefix}-{1:04d}"
            elif kind == "decimal_price":
                values["price"] = "175000,50"
            else:
                values["craft"] = "Kriya Tak Dikenal"
        data.append([values[column] for column in COLUMNS])
    return data, bad_rows


def sample_workbook(*, rows: int, bad: int, prefix: str = "CONTOH") -> tuple[bytes, bytes, list[int]]:
    """(XLSX bytes, images zip bytes, bad row numbers) for ``rows`` products, ``bad`` of them bad."""
    from openpyxl import Workbook

    data, bad_rows = sample_rows(rows=rows, bad=bad, prefix=prefix)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "produk"
    sheet.append(list(COLUMNS))
    for row in data:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    images = io.BytesIO()
    with zipfile.ZipFile(images, "w") as archive:
        for number in range(1, rows + 1):
            archive.writestr(f"contoh-{number:03d}.jpg", _image(number))
    return out.getvalue(), images.getvalue(), bad_rows
