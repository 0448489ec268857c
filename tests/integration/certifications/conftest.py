"""Fixtures for certifications: a food craft requiring halal and PIRT, two artisans, a curator."""
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image

from shop.accounts.roles import ARTISAN, CURATOR
from shop.certifications.models import CraftCertificationRequirement
from tests.factories import ArtisanFactory, CertificationFactory, CraftCategoryFactory
from tests.fixtures.shopee import *  # noqa: F401,F403  (sim, channel, celery_eager)
from tests.fixtures.shopee import listed_product

Certification = get_model("catalogue", "Certification")
User = get_user_model()


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def user_in(group, email, *, is_staff=False):
    user = User.objects.create_user(email.split("@")[0], email, "pw-kriya-123", is_staff=is_staff)
    user.groups.add(Group.objects.get(name=group))
    return user


def pdf_upload(name="sertifikat.pdf", size=None):
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if size:
        content += b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_upload(name="sertifikat.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (240, 240, 240)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def kuliner(db):
    category = CraftCategoryFactory(name="Kuliner")
    for kind in (Certification.HALAL, Certification.PIRT):
        CraftCertificationRequirement.objects.create(category=category, kind=kind)
    return category


@pytest.fixture
def artisans(db):
    sanan = ArtisanFactory(name="Keripik Tempe Sanan", language="id")
    pesisir = ArtisanFactory(name="Dapur Pesisir", language="en")
    sanan_user = user_in(ARTISAN, "sanan@example.com")
    pesisir_user = user_in(ARTISAN, "pesisir@example.com")
    sanan.users.add(sanan_user)
    pesisir.users.add(pesisir_user)
    return {"sanan": sanan, "pesisir": pesisir, "sanan_user": sanan_user, "pesisir_user": pesisir_user}


@pytest.fixture
def curator(db):
    return user_in(CURATOR, "kurator@example.com", is_staff=True)


def food_product(*, category, artisan, halal_expiry=365, pirt_expiry=365, **kwargs):
    """An approved, imaged food product with approved halal and PIRT certificates."""
    product = listed_product(artisan=artisan, categories=[category], **kwargs)
    halal = CertificationFactory(product=product, kind=Certification.HALAL, expiry_date=days(halal_expiry),
                                 review_status=Certification.APPROVED, issuer="BPJPH")
    pirt = CertificationFactory(product=product, kind=Certification.PIRT, expiry_date=days(pirt_expiry),
                                review_status=Certification.APPROVED, issuer="Dinas Kesehatan Kota Malang")
    product.refresh_from_db()
    return product, halal, pirt
