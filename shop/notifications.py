"""Emails to people of the gallery through Oscar's communication framework.

Every notification is a ``CommunicationEventType`` (code, subject and bodies editable in
Dashboard → Content → Email templates; file templates under
``templates/oscar/communication/emails/commtype_<code>_*`` are the defaults), rendered in
the recipient's language and sent with Oscar's ``Dispatcher`` so it is logged as Oscar
logs its own emails.

Artisans read in the language set on their profile (``Partner.language``); curators and
admins in the shop's default language.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from oscar.core.loading import get_class

Dispatcher = get_class("communication.utils", "Dispatcher")


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    user: object | None = None


def artisan_recipients(partner) -> list[Recipient]:
    """The active users of an artisan (partner) with an email, in the artisan's language."""
    language = getattr(partner, "language", "") or settings.LANGUAGE_CODE
    return [
        Recipient(email=user.email, language=language, user=user)
        for user in partner.users.filter(is_active=True).exclude(email="")
    ]


def curator_recipients() -> list[Recipient]:
    """Curators (the Kurator group) and active superusers, in the default language."""
    from shop.accounts.roles import CURATOR

    users = (
        get_user_model().objects.filter(is_active=True)
        .exclude(email="")
        .filter(Q(groups__name=CURATOR) | Q(is_superuser=True))
        .distinct()
    )
    return [Recipient(email=user.email, language=settings.LANGUAGE_CODE, user=user) for user in users]


def notify(*, code: str, recipients: list[Recipient], context: dict | None = None) -> int:
    """Render event type ``code`` once per recipient, in their language, and send it.

    Returns how many emails were sent. The context is shared; each rendering also gets
    ``recipient``.
    """
    dispatcher = Dispatcher()
    sent = 0
    for recipient in recipients:
        with translation.override(recipient.language):
            messages = dispatcher.get_messages(code, dict(context or {}, recipient=recipient))
            if recipient.user is not None:
                dispatcher.dispatch_user_messages(recipient.user, messages)
            else:
                dispatcher.dispatch_direct_messages(recipient.email, messages)
        sent += 1
    return sent
