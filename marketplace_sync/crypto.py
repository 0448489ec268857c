"""Marketplace credentials and tokens are encrypted at rest.

The key is ``settings.MARKETPLACE_CREDENTIALS_KEY``, a Fernet key (urlsafe
base64 of 32 bytes) from the environment. Local and test settings derive a
fixed development key; production refuses to start without a real one. Losing
the key means reconnecting every shop, never leaking its tokens.
"""
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class CredentialsUnreadable(Exception):
    """The stored blob was written with another key or is corrupt."""


def _fernet() -> Fernet:
    key = getattr(settings, "MARKETPLACE_CREDENTIALS_KEY", "")
    if not key:
        raise ImproperlyConfigured(
            "MARKETPLACE_CREDENTIALS_KEY is not set: generate one with "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`."
        )
    try:
        return Fernet(key.encode() if isinstance(key, str) else key)
    except ValueError as exc:
        raise ImproperlyConfigured(f"MARKETPLACE_CREDENTIALS_KEY is not a valid Fernet key: {exc}") from exc


def encrypt_json(data: dict) -> str:
    return _fernet().encrypt(json.dumps(data, sort_keys=True).encode()).decode()


def decrypt_json(token: str) -> dict:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken as exc:
        raise CredentialsUnreadable("Stored marketplace credentials cannot be decrypted with this key.") from exc
