"""People, a small catalogue and file builders for the catalogue import tests.

Imports run through the real Celery tasks, inline (``celery_eager``), queued on
commit as in production (``django_capture_on_commit_callbacks(execute=True)``).
"""
import io
import zipfile

import pytest
import tablib
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from PIL import Image

from shop.accounts.roles import ARTISAN, CURATOR
from shop.catalogue_io import services
from shop.catalogue_io.resources import COLUMNS
from tests.factories import ArtisanFactory, CraftCategoryFactory, RegionFactory
from tests.fixtures.shopee import celery_eager  # noqa: F401

Product = get_model("catalogue", "Product")
User = get_user_model()


def make_user(username, *, group=None, is_staff=False, is_superuser=False, partner=None):
    user = User.objects.create_user(username, f"{username}@example.com", "pw-kriya-123", is_staff=is_staff,
                                    is_superuser=is_superuser)
    if group:
        user.groups.add(Group.objects.get(name=group))
    if partner is not None:
        partner.users.add(user)
    return user


@pytest.fixture
def shop(db, settings, tmp_path):
    settings.CATALOGUE_IMPORT_ROOT = str(tmp_path / "imports")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    siti = ArtisanFactory(name="Batik Siti", code="batik-siti")
    fauzi = ArtisanFactory(name="Tenun Fauzi", code="tenun-fauzi")
    kain = CraftCategoryFactory(name="Kain")
    return {
        "siti": siti, "fauzi": fauzi,
        "batik": CraftCategoryFactory(name="Batik Tulis", parent=kain),
        "tenun": CraftCategoryFactory(name="Tenun"),
        "bangkalan": RegionFactory(name="Bangkalan", slug="bangkalan"),
        "curator": make_user("kurator", group=CURATOR, is_staff=True),
        "admin": make_user("admin", is_staff=True, is_superuser=True),
        "artisan": make_user("siti", group=ARTISAN, partner=siti),
    }


def good_row(**overrides):
    row = {
        "sku": "SITI-001", "title": "Batik Gentongan Biru", "artisan_code": "batik-siti",
        "craft": "Kain > Batik Tulis", "region": "bangkalan", "materials": "Katun primisima",
        "materials_en": "Primissima cotton", "technique": "Batik tulis", "technique_en": "Hand-drawn batik",
        "story": "Direndam dalam gentong berbulan-bulan.", "story_en": "Soaked in jars for months.",
        "certifications": "batikmark:BM-001:2027-06-30", "weight_grams": 400, "length_cm": 30,
        "width_cm": 20, "height_cm": 4, "price": 1250000, "stock": 3, "export_ready": "tidak",
        "one_of_a_kind": "ya", "lead_time_days": 0, "images": "",
    }
    row.update(overrides)
    return row


def csv_file(rows, name="produk.csv"):
    dataset = tablib.Dataset(headers=list(COLUMNS))
    for row in rows:
        dataset.append([row.get(column, "") for column in COLUMNS])
    return SimpleUploadedFile(name, dataset.export("csv").encode("utf-8"), content_type="text/csv")


def jpeg_bytes(colour="red", size=(64, 64)):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def images_zip(names, name="foto.zip"):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for entry in names:
            archive.writestr(entry, jpeg_bytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/zip")


@pytest.fixture
def checked(celery_eager, django_capture_on_commit_callbacks):  # noqa: F811
    """upload -> the dry run (task) -> the ProductImport as the page would show it."""
    def run(user, upload, zip_upload=None):
        with django_capture_on_commit_callbacks(execute=True):
            product_import = services.import_create(user=user, upload=upload, images_zip=zip_upload)
        product_import.refresh_from_db()
        return product_import
    return run


@pytest.fixture
def imported(celery_eager, django_capture_on_commit_callbacks):  # noqa: F811
    """confirm -> the import task -> the ProductImport."""
    def run(product_import, user, *, valid_rows_only=False, approve=False):
        with django_capture_on_commit_callbacks(execute=True):
            services.import_confirm(product_import=product_import, user=user, valid_rows_only=valid_rows_only,
                                    approve=approve)
        product_import.refresh_from_db()
        return product_import
    return run


def errors_by_row(product_import):
    return {row.row_number: {(e["column"], e["code"]) for e in row.errors}
            for row in product_import.rows.all() if row.errors}
