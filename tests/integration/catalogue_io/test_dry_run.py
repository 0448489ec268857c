"""The dry run: every error with its row and column, nothing written, nothing imported while errors remain."""
import pytest
from oscar.core.loading import get_model

from shop.catalogue_io import services
from shop.catalogue_io.models import ProductImport, ProductImportRow

from .conftest import csv_file, errors_by_row, good_row, images_zip

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Certification = get_model("catalogue", "Certification")

pytestmark = pytest.mark.django_db


def bad_file():
    return csv_file([
        good_row(sku="OK-1"),                                            # row 2
        good_row(sku="P-NEG", price=-5000),                               # row 3
        good_row(sku="P-TXT", price="murah"),                             # row 4
        good_row(sku="P-DEC", price="125000.50"),                         # row 5
        good_row(sku="A-UNK", artisan_code="perajin-hantu"),              # row 6
        good_row(sku="C-UNK", craft="Batik Terbang"),                     # row 7
        good_row(sku="OK-1", title="Duplikat"),                           # row 8
        good_row(sku="D-BAD", certifications="halal:ID-9:2027-02-30"),    # row 9
        good_row(sku="R-MIS", title=""),                                  # row 10
        good_row(sku="R-UNK", region="atlantis"),                         # row 11
        good_row(sku="I-MIS", images="tidak-ada.jpg"),                    # row 12
        good_row(sku="OK-2", price="1.250.000"),                          # row 13: Indonesian grouping is fine
    ])


def test_every_error_has_its_row_and_column(shop, checked):
    before = (Product.objects.count(), StockRecord.objects.count(), Certification.objects.count())
    product_import = checked(shop["curator"], bad_file(), images_zip(["ada.jpg"]))

    assert product_import.status == ProductImport.CHECKED
    assert errors_by_row(product_import) == {
        3: {("price", "negative")},
        4: {("price", "not_a_number")},
        5: {("price", "price_decimal")},
        6: {("artisan_code", "unknown_artisan")},
        7: {("craft", "unknown_category")},
        8: {("sku", "duplicate_sku")},
        9: {("certifications", "bad_date")},
        10: {("title", "required")},
        11: {("region", "unknown_region")},
        12: {("images", "image_not_in_zip")},
    }
    actions = dict(product_import.rows.values_list("row_number", "action"))
    assert actions[2] == actions[13] == ProductImportRow.CREATE
    assert (product_import.created_count, product_import.error_count, product_import.total) == (2, 10, 12)
    duplicate = product_import.rows.get(row_number=8).errors[0]
    assert duplicate["params"] == {"value": "OK-1", "row": "2"}
    # A dry run writes no product, stock record or certificate.
    assert (Product.objects.count(), StockRecord.objects.count(), Certification.objects.count()) == before


def test_a_file_with_errors_imports_nothing(shop, checked, imported):
    product_import = checked(shop["curator"], bad_file(), images_zip(["ada.jpg"]))
    with pytest.raises(services.ImportRefused):
        imported(product_import, shop["curator"])
    product_import.refresh_from_db()
    assert product_import.status == ProductImport.CHECKED
    assert not Product.objects.exists()


def test_valid_rows_only_imports_the_rest(shop, checked, imported):
    product_import = checked(shop["curator"], bad_file(), images_zip(["ada.jpg"]))
    product_import = imported(product_import, shop["curator"], valid_rows_only=True)
    assert product_import.status == ProductImport.DONE
    assert (product_import.created_count, product_import.error_count) == (2, 10)
    assert set(StockRecord.objects.values_list("partner_sku", flat=True)) == {"OK-1", "OK-2"}
    assert StockRecord.objects.get(partner_sku="OK-2").price == 1250000
    skipped = product_import.rows.get(row_number=3)
    assert skipped.outcome == [{"code": "skipped"}] and not skipped.imported


def test_missing_required_columns_fail_the_whole_file(shop, checked):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.csv", b"sku,title\nA,B\n")
    product_import = checked(shop["curator"], upload)
    assert product_import.status == ProductImport.FAILED
    assert product_import.file_error == {"code": "missing_columns",
                                         "params": {"columns": "artisan_code, craft, price, stock"}}


def test_certificate_expiry_in_other_formats_and_kinds(shop, checked):
    product_import = checked(shop["curator"], csv_file([
        good_row(sku="C1", certifications="Halal:ID35:30/06/2027; PIRT:P-IRT 2063578010123-27"),
        good_row(sku="C2", certifications="emas:123:2027-01-01"),
        good_row(sku="C3", certifications="halal:ID35:besok"),
    ]))
    assert errors_by_row(product_import) == {
        3: {("certifications", "unknown_certificate_kind")},
        4: {("certifications", "bad_date")},
    }
