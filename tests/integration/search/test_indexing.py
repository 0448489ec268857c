"""The index follows the catalogue: changes are marked in their own transaction,
indexed once it commits (large batches through Celery), and a full reindex
rebuilds it with a progress report."""
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from oscar.core.loading import get_model

from shop.celery import app as celery_app
from shop.search import indexing, services
from shop.search.backends import get_backend
from shop.search.models import SearchDocument, SearchPending, SearchTerm
from tests.factories import ArtisanFactory, CertificationFactory, CraftCategoryFactory, ProductFactory, RegionFactory

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def titles(query, **params):
    return [p.title for p in services.product_search(query=query,
                                                     filters=services.Filters.from_params(params)).products]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block marks for indexing as a real commit would."""
    def run():
        return django_capture_on_commit_callbacks(execute=True)
    return run


def test_a_product_change_is_indexed_on_commit(committed):
    with committed():
        product = ProductFactory(title="Vas Gerabah Dinoyo", story="Dibentuk di roda putar.")
    assert not SearchPending.objects.exists()
    assert SearchDocument.objects.filter(product=product).exists()

    with committed() as callbacks:
        product.title = "Kendi Gerabah Dinoyo"
        product.save()
    assert callbacks, "indexing waits for the commit"
    assert not SearchPending.objects.exists()
    # Straight from the index, without the search's own catch-up.
    assert "kendi" in SearchDocument.objects.get(product=product).weight_a
    assert titles("kendi") == ["Kendi Gerabah Dinoyo"]
    assert titles("vas") == []


def test_a_change_is_pending_until_its_transaction_commits():
    product = ProductFactory(title="Kendi Tanah Liat")
    # Inside the test's transaction nothing has committed: the mark waits in the outbox.
    assert SearchPending.objects.filter(product_id=product.pk).exists()
    assert not SearchDocument.objects.filter(product=product).exists()


def test_curation_and_certificate_changes_move_products_in_and_out(committed):
    with committed():
        product = ProductFactory(title="Sambal Roa Pedas", curation_state=Product.SUBMITTED)
    assert titles("roa") == []
    assert not SearchTerm.objects.filter(term="roa").exists(), "a draft's words stay out of the vocabulary"

    with committed():
        product.curation_state = Product.APPROVED
        product.save()
    assert titles("roa") == ["Sambal Roa Pedas"]
    assert titles("halal") == []

    with committed():
        CertificationFactory(product=product, kind="halal", number="ID-HALAL-1")
    assert titles("halal") == ["Sambal Roa Pedas"]

    with committed():
        product.curation_state = Product.ARCHIVED
        product.save()
    assert titles("roa") == []
    assert not SearchDocument.objects.filter(product=product).exists()


def test_price_and_stock_are_read_live(committed):
    with committed():
        product = ProductFactory(title="Tas Anyaman Pandan", price=Decimal("90000"), num_in_stock=2)
    assert titles("pandan", price="0-100000") == ["Tas Anyaman Pandan"]
    assert titles("pandan", stock="1") == ["Tas Anyaman Pandan"]
    record = product.stockrecords.get()
    with committed() as callbacks:
        record.price = Decimal("120000")
        record.num_in_stock = 0
        record.save()
    assert not callbacks, "a price or stock change needs no reindex"
    assert titles("pandan", price="0-100000") == []
    assert titles("pandan", price="100000-250000") == ["Tas Anyaman Pandan"]
    assert titles("pandan", stock="1") == []


def test_category_and_partner_renames_reach_their_products(committed):
    craft = CraftCategoryFactory(name="Kriya Kayu")
    artisan = ArtisanFactory(name="Sanggar Ukir Jepara")
    with committed():
        ProductFactory(title="Nampan Ukir", categories=[craft], artisan=artisan)
    assert titles("kayu") == ["Nampan Ukir"]
    with committed():
        craft.name = "Kriya Jati"
        craft.save()
        artisan.name = "Sanggar Ukir Tuban"
        artisan.save()
    assert titles("jati") == ["Nampan Ukir"]
    assert titles("kayu") == []
    assert titles("sanggar tuban") == ["Nampan Ukir"]


@pytest.fixture
def celery_eager():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def test_a_region_rename_touching_many_products_goes_through_celery(committed, celery_eager, monkeypatch):
    region = RegionFactory(name="Ngawi", slug="ngawi")
    with committed():
        for n in range(4):
            ProductFactory(title=f"Gerabah Ngawi {n}", region=region)
    sent = []
    from shop.search import tasks

    original = tasks.index_pending.delay
    monkeypatch.setattr(tasks.index_pending, "delay", lambda: sent.append(1) or original())
    monkeypatch.setattr(indexing, "INLINE_LIMIT", 3)
    with committed():
        region.name = "Magetan"
        region.save()
    assert sent == [1]
    assert not SearchPending.objects.exists()
    assert len(titles("magetan")) == 4
    assert len(titles("ngawi")) == 4  # still in their titles
    assert all("magetan" in d.weight_b for d in SearchDocument.objects.all())


def test_search_reindex_rebuilds_from_scratch_with_progress(committed):
    with committed():
        kept = ProductFactory(title="Kipas Bambu")
        hidden = ProductFactory(title="Caping Bambu")
    # An index out of step with the catalogue, behind the signals' back:
    # a lost document, a product hidden by a queryset update, a stale word.
    SearchDocument.objects.filter(product=kept).delete()
    get_backend().documents_removed([kept.pk])
    Product.objects.filter(pk=hidden.pk).update(curation_state=Product.DRAFT, is_public=False)
    SearchTerm.objects.create(term="usang")
    assert titles("kipas") == []

    out = io.StringIO()
    call_command("search_reindex", stdout=out)
    text = out.getvalue()
    assert type(get_backend()).__module__ in text
    assert "1/1 products indexed" in text
    assert "Search index rebuilt: 1 products indexed, 1 removed" in text
    assert titles("kipas") == [kept.title]
    assert not SearchDocument.objects.filter(product=hidden).exists()
    assert not SearchTerm.objects.filter(term="usang").exists()
    assert SearchTerm.objects.filter(term="kipas").exists()
