"""Images named by URL are fetched over http(s) with a size cap; other schemes are refused."""
import http.server
import threading

import pytest
from oscar.core.loading import get_model

from shop.catalogue_io.models import ProductImportRow

from .conftest import csv_file, good_row, jpeg_bytes

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


@pytest.fixture
def image_server():
    photo, big = jpeg_bytes("blue"), jpeg_bytes("green", size=(900, 900))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            body = {"/foto.jpg": photo, "/besar.jpg": big, "/bukan.jpg": b"<html>no</html>"}.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_images_from_urls(shop, checked, imported, image_server, settings):
    settings.CATALOGUE_IMPORT_IMAGE_MAX_BYTES = len(jpeg_bytes("green", size=(900, 900))) - 1
    upload = csv_file([
        good_row(sku="U-1", images=f"{image_server}/foto.jpg"),
        good_row(sku="U-2", images=f"{image_server}/besar.jpg"),
        good_row(sku="U-3", images=f"{image_server}/hilang.jpg"),
        good_row(sku="U-4", images=f"{image_server}/bukan.jpg"),
        good_row(sku="U-5", images="ftp://example.com/foto.jpg"),
    ])
    product_import = checked(shop["curator"], upload)
    assert product_import.rows.get(row_number=6).errors[0]["code"] == "image_bad_url"
    product_import = imported(product_import, shop["curator"], valid_rows_only=True)

    rows = {row.row_number: row for row in product_import.rows.all()}
    product = Product.objects.get(stockrecords__partner_sku="U-1")
    assert product.images.get().original.name.endswith("foto.jpg")
    assert [e["code"] for e in rows[3].errors] == ["image_too_large"]
    assert [e["code"] for e in rows[4].errors] == ["image_fetch_failed"]
    assert [e["code"] for e in rows[5].errors] == ["image_not_an_image"]
    assert all(rows[n].action == ProductImportRow.ERROR for n in (3, 4, 5, 6))
    # A row whose photo failed wrote nothing.
    assert Product.objects.count() == 1
