"""Export -> import the same file: the dry run reports no change, in CSV and in XLSX."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model

from shop.catalogue_io import services
from shop.catalogue_io.models import ProductImport, ProductImportRow
from tests.factories import CertificationFactory, ProductFactory

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(shop):
    from django.core.files.base import ContentFile

    from .conftest import jpeg_bytes

    batik = ProductFactory(title="Batik “Gentongan”, biru; 2 m", artisan=shop["siti"], region=shop["bangkalan"],
                           categories=[shop["batik"], shop["tenun"]], price=1250000, num_in_stock=3,
                           story="Baris satu.\nBaris dua: ada titik dua.", export_ready=True,
                           is_one_of_a_kind=True, lead_time_days=14)
    CertificationFactory(product=batik, kind="batikmark", number="BM:07", expiry_date=datetime.date(2027, 6, 30))
    CertificationFactory(product=batik, kind="halal", number="ID-1", expiry_date=None)
    image = ProductImage(product=batik, caption="x", display_order=0)
    image.original.save("gentongan.jpg", ContentFile(jpeg_bytes()), save=True)
    ProductFactory(title="Tenun Fauzi", artisan=shop["fauzi"], region=None, categories=[shop["tenun"]],
                   weight_grams=None, length_cm=None, width_cm=None, height_cm=None, materials_en="",
                   curation_state=Product.SUBMITTED)
    return batik


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(shop, catalogue, checked, imported, file_format):
    content = services.export_file(file_format=file_format)
    upload = SimpleUploadedFile(f"katalog.{file_format}", content)
    product_import = checked(shop["curator"], upload)

    assert product_import.status == ProductImport.CHECKED
    assert [(row.action, row.changes, row.errors) for row in product_import.rows.all()] == [
        (ProductImportRow.UNCHANGED, [], [])] * 2
    assert (product_import.unchanged_count, product_import.created_count, product_import.updated_count) == (2, 0, 0)
    # Confirming writes nothing either: no revision, no history, no new certificate or photo.
    imported(product_import, shop["curator"])
    catalogue.refresh_from_db()
    assert not catalogue.revisions.exists() and not catalogue.curation_decisions.exists()
    assert catalogue.certifications.count() == 2 and catalogue.images.count() == 1


def test_an_edited_export_reports_only_the_edit(shop, catalogue, checked):
    import tablib

    dataset = tablib.Dataset().load(services.export_file(file_format="csv").decode("utf-8-sig"), format="csv")
    index = dataset.headers.index("price")
    rows = [list(row) for row in dataset]
    rows[0][index] = "1300000"
    edited = tablib.Dataset(*rows, headers=dataset.headers)
    product_import = checked(shop["curator"], SimpleUploadedFile("k.csv", edited.export("csv").encode()))
    changed = product_import.rows.get(row_number=2)
    assert changed.changes == [{"column": "price", "old": "1250000", "new": "1300000"}]
    assert product_import.rows.get(row_number=3).action == ProductImportRow.UNCHANGED
