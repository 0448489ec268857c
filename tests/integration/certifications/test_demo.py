"""The demo seeds what Kuliner requires, approves its certificates and holds only what should be held."""
import pytest
from oscar.core.loading import get_model

from shop.certifications.models import CraftCertificationRequirement
from shop.certifications.services import requirement_delete
from shop.demo import catalogue_data as data
from shop.demo.services import demo_catalogue_load

Category = get_model("catalogue", "Category")
Certification = get_model("catalogue", "Certification")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_the_demo_requires_halal_and_pirt_for_food_and_holds_only_the_rejected_sambal():
    demo_catalogue_load(image_size=96)
    kuliner = Category.objects.get(depth=1, name=data.FOOD_CATEGORY)
    assert set(CraftCertificationRequirement.objects.filter(category=kuliner).values_list("kind", flat=True)) == {
        "halal", "pirt"}
    assert set(Certification.objects.values_list("review_status", flat=True)) == {Certification.APPROVED}
    # Its PIRT expired; it was rejected at curation anyway. Every live product is on sale.
    assert list(Product.objects.filter(certification_held=True).values_list("upc", flat=True)) == ["GK-SAS-005"]
    assert not Product.objects.filter(curation_state=Product.APPROVED, certification_held=True).exists()

    # A curator's removal of a requirement in the demo survives the next load.
    requirement_delete(requirement=CraftCertificationRequirement.objects.get(category=kuliner, kind="pirt"))
    report = demo_catalogue_load(image_size=96)
    assert not report.changed
    assert list(CraftCertificationRequirement.objects.filter(category=kuliner).values_list("kind", flat=True)) == [
        "halal"]
