"""shop.notifications: Oscar's communication framework, in the recipient's language."""
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from oscar.core.loading import get_model

from shop.notifications import Recipient, artisan_recipients, notify
from tests.factories import ArtisanFactory

CommunicationEventType = get_model("communication", "CommunicationEventType")
pytestmark = pytest.mark.django_db


def test_artisan_recipients_use_the_artisan_language():
    partner = ArtisanFactory(language="en")
    user = get_user_model().objects.create_user(username="maker", email="maker@example.com", password="x")
    partner.users.add(user)
    assert artisan_recipients(partner) == [Recipient(email="maker@example.com", language="en", user=user)]


def test_notify_renders_per_recipient_language():
    CommunicationEventType.objects.create(
        code="TEST_HELLO", name="hello", category=CommunicationEventType.USER_RELATED,
        email_subject_template="{% load i18n %}{% translate 'Orders' %}",
        email_body_template="body", email_body_html_template="<p>body</p>",
    )
    sent = notify(code="TEST_HELLO", recipients=[
        Recipient(email="a@example.com", language="id"),
        Recipient(email="b@example.com", language="en"),
    ])
    assert sent == 2
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["b@example.com"] == "Orders"
    assert subjects["a@example.com"] != "Orders"  # Indonesian ("Pesanan")
