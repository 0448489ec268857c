"""A 200-row XLSX with three bad rows: the task imports 197, reports 3, and records its progress."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from oscar.core.loading import get_model

from shop.catalogue_io import services
from shop.catalogue_io.models import ProductImport, ProductImportRow
from shop.catalogue_io.sample import sample_workbook
from shop.curation.selectors import curation_queue

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def test_two_hundred_rows_three_bad(shop, checked, imported, monkeypatch):
    workbook, photos, bad_rows = sample_workbook(rows=200, bad=3)
    progress = []
    real_update = ProductImport.objects.filter

    def spy(*args, **kwargs):  # every progress write goes through an UPDATE of the import row
        queryset = real_update(*args, **kwargs)
        original = queryset.update

        def update(**values):
            if "processed" in values:
                progress.append(values["processed"])
            return original(**values)
        queryset.update = update
        return queryset
    monkeypatch.setattr(ProductImport.objects, "filter", spy)

    product_import = checked(shop["curator"], SimpleUploadedFile("contoh.xlsx", workbook),
                             SimpleUploadedFile("contoh-images.zip", photos))
    assert (product_import.total, product_import.created_count, product_import.error_count) == (200, 197, 3)
    error_rows = product_import.rows.filter(action=ProductImportRow.ERROR)
    assert sorted(error_rows.values_list("row_number", flat=True)) == bad_rows
    assert [row.errors[0]["column"] for row in error_rows] == ["price", "artisan_code", "certifications"]
    assert not Product.objects.exists()

    progress.clear()
    product_import = imported(product_import, shop["curator"], valid_rows_only=True)
    assert product_import.status == ProductImport.DONE
    assert (product_import.processed, product_import.total) == (200, 200)
    assert (product_import.created_count, product_import.error_count) == (197, 3)
    # Progress was written while the rows went in, not only at the end.
    assert [value for value in progress if 0 < value < 200][:3] == [10, 20, 30]
    assert Product.objects.filter(curation_state=Product.SUBMITTED).count() == 197
    assert len(curation_queue()) == 197
    assert all(product.images.count() == 1 for product in Product.objects.all()[:5])


def test_sample_command_writes_the_file_and_its_photos(shop, tmp_path):
    target = tmp_path / "import-sample.xlsx"
    call_command("catalogue_sample_import", str(target), "--rows", "20", "--bad", "3")
    assert target.exists() and (tmp_path / "import-sample-images.zip").exists()
    dataset = services.dataset_read(target.read_bytes(), "xlsx")
    assert len(services.dataset_rows(dataset)) == 20
