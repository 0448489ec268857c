"""The curation state machine: every transition, who may make it, what it records and tells."""
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from oscar.core.loading import get_model

from shop.curation import services
from shop.curation.criteria import CRITERIA_CODES
from shop.curation.models import CurationDecision
from tests.factories import ProductFactory

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db

ALL_STATES = [state for state, _label in Product.CURATION_CHOICES]
NOTE = "Foto kurang terang; tambahkan cerita dalam bahasa Inggris."


def act(action, product, user, **kwargs):
    if action == "submit":
        return services.product_submit(product=product, user=user)
    if action == "approve":
        return services.product_approve(product=product, user=user, export_ready=kwargs.get("export_ready", False))
    if action == "request_changes":
        return services.product_request_changes(product=product, user=user, note=NOTE)
    if action == "reject":
        return services.product_reject(product=product, user=user, note=NOTE)
    if action == "archive":
        return services.product_archive(product=product, user=user)
    raise AssertionError(action)


# From APPROVED, request_changes and reject act on a pending edit only (tested below).
EXPECTED = {
    "submit": {Product.DRAFT: Product.SUBMITTED, Product.CHANGES_REQUESTED: Product.SUBMITTED,
               Product.REJECTED: Product.SUBMITTED, Product.ARCHIVED: Product.SUBMITTED},
    "approve": {Product.SUBMITTED: Product.APPROVED, Product.APPROVED: Product.APPROVED},
    "request_changes": {Product.SUBMITTED: Product.CHANGES_REQUESTED},
    "reject": {Product.SUBMITTED: Product.REJECTED},
    "archive": {state: Product.ARCHIVED for state in ALL_STATES if state != Product.ARCHIVED},
}


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("state", ALL_STATES)
def test_every_transition_allowed_or_refused(people, action, state):
    product = ProductFactory(artisan=people["siti_shop"], curation_state=state)
    product.images.create(original="images/x.png", display_order=0)
    expected = EXPECTED[action].get(state)
    if expected is None:
        with pytest.raises(services.CurationError):
            act(action, product, people["curator"])
        product.refresh_from_db()
        assert product.curation_state == state
        assert not CurationDecision.objects.filter(product=product).exists()
        return
    decision = act(action, product, people["curator"])
    product.refresh_from_db()
    assert product.curation_state == expected
    assert product.is_public == (expected == Product.APPROVED)
    assert (decision.action, decision.from_state, decision.to_state, decision.user) == (
        action, state, expected, people["curator"])


@pytest.mark.parametrize("action", ["approve", "request_changes", "reject"])
@pytest.mark.parametrize("who", ["siti", "fauzi", "curator_without"])
def test_only_curators_with_the_permission_decide(people, action, who):
    product = ProductFactory(artisan=people["siti_shop"], curation_state=Product.SUBMITTED)
    with pytest.raises(PermissionDenied):
        act(action, product, people[who])
    product.refresh_from_db()
    assert product.curation_state == Product.SUBMITTED
    assert not product.is_public


def test_a_superuser_decides(people):
    product = ProductFactory(artisan=people["siti_shop"], curation_state=Product.SUBMITTED)
    product.images.create(original="images/x.png", display_order=0)
    act("approve", product, people["admin"], export_ready=True)
    product.refresh_from_db()
    assert (product.curation_state, product.export_ready) == (Product.APPROVED, True)


def test_artisans_submit_and_archive_only_their_own(people):
    own = ProductFactory(artisan=people["siti_shop"], curation_state=Product.DRAFT)
    with pytest.raises(PermissionDenied):
        services.product_submit(product=own, user=people["fauzi"])
    with pytest.raises(PermissionDenied):
        services.product_archive(product=own, user=people["fauzi"])
    services.product_submit(product=own, user=people["siti"])
    own.refresh_from_db()
    assert own.curation_state == Product.SUBMITTED


def test_approving_needs_every_criterion_and_the_approval_checks(people, monkeypatch):
    product = ProductFactory(artisan=people["siti_shop"], curation_state=Product.SUBMITTED)
    with pytest.raises(services.CurationError):
        services.product_approve(product=product, user=people["curator"], export_ready=False,
                                 criteria=CRITERIA_CODES[:-1])
    with pytest.raises(services.CurationError, match="foto|photo"):  # no photo yet: a built-in check
        services.product_approve(product=product, user=people["curator"], export_ready=False)
    product.images.create(original="images/x.png", display_order=0)
    monkeypatch.setattr(services, "APPROVAL_CHECKS",
                        services.APPROVAL_CHECKS + [lambda p: ["Weight and dimensions required."]])
    with pytest.raises(services.CurationError, match="Weight"):
        services.product_approve(product=product, user=people["curator"], export_ready=False)
    product.refresh_from_db()
    assert product.curation_state == Product.SUBMITTED


@pytest.mark.parametrize("action", ["request_changes", "reject"])
def test_sending_back_needs_written_feedback(people, action):
    product = ProductFactory(artisan=people["siti_shop"], curation_state=Product.SUBMITTED)
    call = services.product_request_changes if action == "request_changes" else services.product_reject
    with pytest.raises(services.CurationError):
        call(product=product, user=people["curator"], note="   ")


@pytest.mark.parametrize("language,expected", [("id", "Masukan kurator"), ("en", "The curators' feedback")])
def test_the_artisan_is_emailed_in_their_language_with_the_feedback(people, language, expected,
                                                                    django_capture_on_commit_callbacks):
    people["siti_shop"].language = language
    people["siti_shop"].save()
    product = ProductFactory(artisan=people["siti_shop"], curation_state=Product.SUBMITTED, title="Kain Merah")
    with django_capture_on_commit_callbacks(execute=True):
        services.product_request_changes(product=product, user=people["curator"], note=NOTE)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [people["siti"].email]
    assert "Kain Merah" in message.subject
    assert NOTE in message.body
    assert expected in message.body


def test_history_keeps_every_decision(people, django_capture_on_commit_callbacks):
    product = ProductFactory(artisan=people["siti_shop"], curation_state=Product.DRAFT)
    product.images.create(original="images/x.png", display_order=0)
    services.product_submit(product=product, user=people["siti"])
    services.product_request_changes(product=product, user=people["curator"], note=NOTE)
    services.product_submit(product=product, user=people["siti"])
    services.product_approve(product=product, user=people["curator"], export_ready=True, note="Bagus")
    actions = list(CurationDecision.objects.filter(product=product).order_by("pk").values_list(
        "action", "to_state", "export_ready"))
    assert actions == [("submit", "submitted", False), ("request_changes", "changes_requested", False),
                       ("submit", "submitted", False), ("approve", "approved", True)]
