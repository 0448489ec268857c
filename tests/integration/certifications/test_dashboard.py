"""Certification pages: artisans see and touch only their own products' certificates;
curators review; scans are private and validated."""
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from shop.certifications.models import CraftCertificationRequirement
from tests.factories import CertificationFactory, CraftCategoryFactory, ProductFactory

from .conftest import days, food_product, pdf_upload, png_upload

Certification = get_model("catalogue", "Certification")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_kitchens(kuliner, artisans):
    sanan, sanan_halal, _ = food_product(category=kuliner, artisan=artisans["sanan"], title="Keripik Tempe")
    pesisir, pesisir_halal, _ = food_product(category=kuliner, artisan=artisans["pesisir"], title="Bandeng Presto")
    pending = CertificationFactory(product=pesisir, kind=Certification.SNI, review_status=Certification.PENDING,
                                   scan=pdf_upload("sni.pdf"))
    return {**artisans, "keripik": sanan, "bandeng": pesisir, "sanan_halal": sanan_halal,
            "pesisir_halal": pesisir_halal, "pesisir_pending": pending}


def new_certificate(**overrides):
    return {"kind": Certification.HALAL, "number": "ID35110000999", "issuer": "BPJPH",
            "expiry_date": days(500).isoformat(), "scan": pdf_upload(), **overrides}


# --- an artisan's own pages -----------------------------------------------------------


def test_an_artisan_lists_only_their_own_products(client, two_kitchens):
    client.force_login(two_kitchens["sanan_user"])
    page = client.get(reverse("dashboard:certifications-list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Keripik Tempe" in html and "Bandeng Presto" not in html
    assert two_kitchens["pesisir_halal"].number not in html
    # Curators' tabs are not offered to an artisan.
    assert reverse("dashboard:certifications-review") not in html


def test_an_artisan_adds_a_certificate_that_waits_for_review(client, two_kitchens):
    client.force_login(two_kitchens["sanan_user"])
    url = reverse("dashboard:certifications-product", kwargs={"product_pk": two_kitchens["keripik"].pk})
    assert client.get(url).status_code == 200
    # A crafted POST cannot approve its own certificate.
    response = client.post(url, new_certificate(review_status="approved", reviewed_by=1))
    assert response.status_code == 302
    created = Certification.objects.get(number="ID35110000999")
    assert created.review_status == Certification.PENDING and created.reviewed_by is None
    assert created.product == two_kitchens["keripik"] and created.issuer == "BPJPH"
    # Stored privately, under an unguessable name, outside MEDIA_ROOT.
    assert created.scan.name.startswith("certifications/") and created.scan.name.endswith(".pdf")
    assert str(settings.CERTIFICATION_SCAN_ROOT) in created.scan.path
    assert not created.scan.path.startswith(str(settings.MEDIA_ROOT))


def test_renewing_prefills_the_kind_and_keeps_the_old_one_counting(client, two_kitchens):
    client.force_login(two_kitchens["sanan_user"])
    halal = two_kitchens["sanan_halal"]
    url = reverse("dashboard:certifications-product", kwargs={"product_pk": two_kitchens["keripik"].pk})
    page = client.get(url, {"renew": halal.pk})
    assert page.context["form"].initial["kind"] == Certification.HALAL
    client.post(url, new_certificate(number=halal.number, expiry_date=days(900).isoformat()))
    assert Certification.objects.filter(product=two_kitchens["keripik"], kind=Certification.HALAL).count() == 2
    halal.refresh_from_db()
    assert halal.review_status == Certification.APPROVED


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("scan.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
     "Unggah pindaian dalam bentuk berkas PDF, JPEG, atau PNG."),
    # Named .pdf, but a PNG inside: the content decides.
    (SimpleUploadedFile("scan.pdf", png_upload().read(), content_type="application/pdf"),
     "Unggah pindaian dalam bentuk berkas PDF, JPEG, atau PNG."),
    (pdf_upload("besar.pdf", size=6 * 1024 * 1024), "pindaian paling besar 5,0"),
])
def test_a_bad_scan_is_refused_with_a_clear_message_and_nothing_is_lost(client, two_kitchens, upload, message):
    client.force_login(two_kitchens["sanan_user"])
    url = reverse("dashboard:certifications-product", kwargs={"product_pk": two_kitchens["keripik"].pk})
    response = client.post(url, new_certificate(scan=upload))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["scan"])
    # What was typed is still in the form.
    assert 'value="ID35110000999"' in response.content.decode()
    assert not Certification.objects.filter(number="ID35110000999").exists()


def test_the_scan_message_is_in_english_on_english_pages(client, two_kitchens):
    client.force_login(two_kitchens["sanan_user"])
    url = "/en" + reverse("dashboard:certifications-product", kwargs={"product_pk": two_kitchens["keripik"].pk})
    response = client.post(url, new_certificate(scan=SimpleUploadedFile("a.gif", b"GIF89a", "image/gif")))
    assert response.context["form"].errors["scan"] == ["Upload the scan as a PDF, JPEG or PNG file."]


def test_a_png_scan_and_a_past_expiry(client, two_kitchens):
    client.force_login(two_kitchens["sanan_user"])
    url = reverse("dashboard:certifications-product", kwargs={"product_pk": two_kitchens["keripik"].pk})
    past = client.post(url, new_certificate(expiry_date=days(-3).isoformat(), scan=png_upload()))
    assert past.status_code == 400 and "sudah lewat" in past.context["form"].errors["expiry_date"][0]
    assert client.post(url, new_certificate(scan=png_upload())).status_code == 302


def test_an_artisan_corrects_a_rejected_certificate_and_it_waits_again(client, two_kitchens, curator):
    from shop.certifications.services import certification_reject

    rejected = CertificationFactory(product=two_kitchens["keripik"], kind=Certification.SNI,
                                    review_status=Certification.PENDING, scan=pdf_upload())
    certification_reject(certification=rejected, curator=curator, reason="Pindaian buram")
    client.force_login(two_kitchens["sanan_user"])
    url = reverse("dashboard:certifications-update", kwargs={"pk": rejected.pk})
    assert "Pindaian buram" in client.get(url).content.decode()
    response = client.post(url, {"kind": Certification.SNI, "number": "SNI-BARU", "issuer": "BSN",
                                 "expiry_date": days(300).isoformat()})
    assert response.status_code == 302
    rejected.refresh_from_db()
    assert (rejected.number, rejected.review_status, rejected.review_note) == ("SNI-BARU", "pending", "")
    assert rejected.scan  # kept: no new file was chosen


def test_an_approved_certificate_cannot_be_edited(client, two_kitchens):
    client.force_login(two_kitchens["sanan_user"])
    halal = two_kitchens["sanan_halal"]
    url = reverse("dashboard:certifications-update", kwargs={"pk": halal.pk})
    client.post(url, {"kind": "halal", "number": "CHANGED", "issuer": "x", "expiry_date": days(99).isoformat()})
    halal.refresh_from_db()
    assert halal.number != "CHANGED"


# --- isolation: the other artisan's ids ------------------------------------------------


def test_every_certification_page_refuses_the_other_artisans_ids(client, two_kitchens):
    client.force_login(two_kitchens["sanan_user"])
    other_product, other_cert = two_kitchens["bandeng"], two_kitchens["pesisir_pending"]
    before = Certification.objects.filter(product=other_product).count()

    other_page = reverse("dashboard:certifications-product", kwargs={"product_pk": other_product.pk})
    assert client.get(other_page).status_code == 404
    assert client.post(reverse("dashboard:certifications-product", kwargs={"product_pk": other_product.pk}),
                       new_certificate()).status_code == 404
    assert client.get(reverse("dashboard:certifications-update", kwargs={"pk": other_cert.pk})).status_code == 404
    assert client.post(reverse("dashboard:certifications-update", kwargs={"pk": other_cert.pk}),
                       new_certificate(number="HIJACK")).status_code == 404
    assert client.get(reverse("dashboard:certifications-scan", kwargs={"pk": other_cert.pk})).status_code == 404
    # Curators' pages and actions are refused outright.
    for name in ("certifications-review", "certifications-requirements"):
        assert client.get(reverse(f"dashboard:{name}")).status_code == 403
    for name in ("certifications-approve", "certifications-reject"):
        assert client.post(reverse(f"dashboard:{name}", kwargs={"pk": other_cert.pk}),
                           {"reason": "x"}).status_code == 403
    requirement = CraftCertificationRequirement.objects.first()
    assert client.post(reverse("dashboard:certifications-requirement-delete",
                               kwargs={"pk": requirement.pk})).status_code == 403
    assert client.post(reverse("dashboard:certifications-requirements"),
                       {"category": requirement.category_id, "kind": "sni"}).status_code == 403

    other_cert.refresh_from_db()
    assert other_cert.review_status == Certification.PENDING and other_cert.number != "HIJACK"
    assert Certification.objects.filter(product=other_product).count() == before
    assert CraftCertificationRequirement.objects.count() == 2


def test_own_scan_is_served_privately(client, two_kitchens):
    client.force_login(two_kitchens["pesisir_user"])
    response = client.get(reverse("dashboard:certifications-scan", kwargs={"pk": two_kitchens["pesisir_pending"].pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_anonymous_visitors_and_buyers_get_nothing(client, two_kitchens, django_user_model):
    scan_url = reverse("dashboard:certifications-scan", kwargs={"pk": two_kitchens["pesisir_pending"].pk})
    assert client.get(scan_url).status_code == 302  # to the login page
    client.force_login(django_user_model.objects.create_user("pembeli", "pembeli@example.com", "pw"))
    assert client.get(scan_url).status_code == 403
    assert client.get(reverse("dashboard:certifications-list")).status_code == 403


# --- curators -------------------------------------------------------------------------


def test_a_curator_sees_pending_expired_and_expiring_and_approves(client, two_kitchens, curator):
    expiring = CertificationFactory(product=two_kitchens["keripik"], kind=Certification.SNI, expiry_date=days(45))
    expired = CertificationFactory(product=two_kitchens["bandeng"], kind=Certification.INDIKASI_GEOGRAFIS,
                                   number="IG-LAMA",
                                   expiry_date=days(-10))
    client.force_login(curator)
    page = client.get(reverse("dashboard:certifications-review"))
    assert page.status_code == 200
    assert [c.pk for c in page.context["pending"]] == [two_kitchens["pesisir_pending"].pk]
    assert expired in page.context["expired"] and expiring in page.context["expiring"]
    assert reverse("dashboard:certifications-scan", kwargs={"pk": two_kitchens["pesisir_pending"].pk}) in \
        page.content.decode()
    assert client.get(reverse("dashboard:certifications-scan",
                              kwargs={"pk": two_kitchens["pesisir_pending"].pk})).status_code == 200

    response = client.post(reverse("dashboard:certifications-approve",
                                   kwargs={"pk": two_kitchens["pesisir_pending"].pk}))
    assert response.status_code == 302
    approved = Certification.objects.get(pk=two_kitchens["pesisir_pending"].pk)
    assert (approved.review_status, approved.reviewed_by) == (Certification.APPROVED, curator)


def test_a_rejection_needs_a_reason(client, two_kitchens, curator):
    client.force_login(curator)
    url = reverse("dashboard:certifications-reject", kwargs={"pk": two_kitchens["pesisir_pending"].pk})
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Nomor tidak cocok dengan pindaian"}).status_code == 302
    assert Certification.objects.get(pk=two_kitchens["pesisir_pending"].pk).review_status == "rejected"


def test_a_curator_edits_the_requirements_and_products_follow(client, curator, artisans):
    tenun = CraftCategoryFactory(name="Tenun Ikat")
    product = ProductFactory(categories=[tenun])
    client.force_login(curator)
    url = reverse("dashboard:certifications-requirements")
    assert client.post(url, {"category": tenun.pk, "kind": "ig"}).status_code == 302
    product.refresh_from_db()
    assert product.certification_held
    duplicate = client.post(url, {"category": tenun.pk, "kind": "ig"})
    assert duplicate.status_code == 400 and "sudah mewajibkan" in duplicate.content.decode()
    requirement = CraftCertificationRequirement.objects.get(category=tenun)
    client.post(reverse("dashboard:certifications-requirement-delete", kwargs={"pk": requirement.pk}))
    product.refresh_from_db()
    assert not product.certification_held


def test_the_dashboard_menu_offers_each_role_its_own_entries(client, two_kitchens, curator):
    client.force_login(two_kitchens["sanan_user"])
    html = client.get(reverse("dashboard:certifications-list")).content.decode()
    assert reverse("dashboard:certifications-list") in html
    assert reverse("dashboard:certifications-requirements") not in html
    client.force_login(curator)
    html = client.get(reverse("dashboard:certifications-list")).content.decode()
    assert reverse("dashboard:certifications-review") in html
    assert reverse("dashboard:certifications-requirements") in html


@pytest.mark.parametrize("url_name", ["certifications-list", "certifications-review"])
def test_pages_cost_the_same_number_of_queries_for_2_and_6_products(client, kuliner, artisans, curator, url_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(curator)
    counts = []
    for _ in range(2):
        for _ in range(2 if not counts else 4):
            product, halal, _pirt = food_product(category=kuliner, artisan=artisans["sanan"], halal_expiry=20)
            CertificationFactory(product=product, kind=Certification.SNI, review_status=Certification.PENDING)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(f"dashboard:{url_name}")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
