"""The dashboard pages: who may open them, upload -> dry run table -> confirm -> result, export download."""
import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from shop.catalogue_io.models import ProductImport
from tests.factories import ProductFactory

from .conftest import csv_file, good_row

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def url(name, lang="id", **kwargs):
    with translation.override(lang):
        return reverse(f"dashboard:{name}", kwargs=kwargs)


def test_only_admins_and_curators_reach_the_pages(shop, client):
    for name in ("catalogue-import", "catalogue-export"):
        client.force_login(shop["artisan"])
        assert client.get(url(name)).status_code in (302, 403)
        for who in ("curator", "admin"):
            client.force_login(shop[who])
            assert client.get(url(name)).status_code == 200


def test_the_menu_offers_import_and_export_under_catalogue(shop, client):
    client.force_login(shop["curator"])
    menu = client.get(url("curation-queue")).content.decode()  # the menu is on every dashboard page
    assert url("catalogue-import") in menu and url("catalogue-export") in menu
    client.force_login(shop["artisan"])
    assert url("catalogue-import") not in client.get(url("index")).content.decode()


def upload(client, rows, lang="id"):
    return client.post(url("catalogue-import", lang), {"file": csv_file(rows)})


def test_upload_shows_the_dry_run_with_errors_in_the_readers_language(
        shop, client, celery_eager, django_capture_on_commit_callbacks):
    client.force_login(shop["curator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, [good_row(sku="OK"), good_row(sku="BAD", price="12500,5")])
    product_import = ProductImport.objects.get()
    assert response.status_code == 302 and response.url == url("catalogue-import-detail", pk=product_import.pk)

    page = client.get(response.url).content.decode()
    assert "price (kolom Q)" in page
    assert "“12500,5” memiliki desimal" in page  # Indonesian by default
    assert 'name="valid_rows_only"' in page

    english = client.get(url("catalogue-import-detail", "en", pk=product_import.pk)).content.decode()
    assert "price (column Q)" in english and "“12500,5” has decimals: rupiah prices are whole numbers." in english

    # Confirming without "valid rows only" is refused; with it, the valid row goes in.
    client.post(url("catalogue-import-detail", pk=product_import.pk), {})
    assert not Product.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("catalogue-import-detail", pk=product_import.pk), {"valid_rows_only": "on"})
    product_import.refresh_from_db()
    assert product_import.status == ProductImport.DONE and Product.objects.count() == 1
    result = client.get(url("catalogue-import-detail", pk=product_import.pk)).content.decode()
    assert url("curation-queue") in result


def test_progress_is_polled_as_json(shop, client):
    client.force_login(shop["curator"])
    product_import = ProductImport.objects.create(user=shop["curator"], file_name="x.csv", file_format="csv",
                                                  status=ProductImport.IMPORTING, total=200, processed=50)
    page = client.get(url("catalogue-import-detail", pk=product_import.pk)).content.decode()
    assert "catalogue_io/progress.js" in page and "50 dari 200 baris" in page
    state = client.get(url("catalogue-import-status", pk=product_import.pk)).json()
    assert state == {"status": "importing", "status_display": "Mengimpor", "processed": 50, "total": 200,
                     "percent": 25, "running": True}


def test_a_curator_sees_only_their_own_imports(shop, client):
    theirs = ProductImport.objects.create(user=shop["admin"], file_name="x.csv", file_format="csv")
    client.force_login(shop["curator"])
    assert client.get(url("catalogue-import-detail", pk=theirs.pk)).status_code == 404


@pytest.mark.parametrize("file_format,content_type", [
    ("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
def test_export_downloads_the_catalogue(shop, client, file_format, content_type):
    ProductFactory(title="Batik Ekspor", artisan=shop["siti"])
    client.force_login(shop["curator"])
    response = client.get(url("catalogue-export"), {"file_format": file_format, "curation_state": ""})
    assert response.status_code == 200 and response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].endswith(f'.{file_format}"')
    if file_format == "csv":
        assert "Batik Ekspor" in response.content.decode("utf-8-sig")
