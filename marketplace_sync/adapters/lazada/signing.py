"""Lazada request and push signatures [LZ-SIGN], [LZ-PUSH].

Request: sort every parameter except ``sign`` and file parameters by name
(ASCII), concatenate ``key + value`` with no separators, put the API path in
front, HMAC-SHA256 with the app secret, UPPERCASE hex. Empty values are
skipped, as the official Java sample does (so we never send empty ones).

Push: ``Authorization`` = lowercase hex HMAC-SHA256(app_secret, app_key + raw body).
"""
import hashlib
import hmac


def base_string(*, api_path: str, params: dict) -> str:
    return api_path + "".join(f"{key}{params[key]}" for key in sorted(params)
                              if key != "sign" and params[key] not in (None, ""))


def request_sign(*, app_secret: str, api_path: str, params: dict) -> str:
    base = base_string(api_path=api_path, params=params)
    return hmac.new(app_secret.encode(), base.encode(), hashlib.sha256).hexdigest().upper()


def push_signature(*, app_key: str, app_secret: str, body: bytes) -> str:
    return hmac.new(app_secret.encode(), app_key.encode() + body, hashlib.sha256).hexdigest()


def push_signature_valid(*, app_key: str, app_secret: str, body: bytes, authorization: str) -> bool:
    expected = push_signature(app_key=app_key, app_secret=app_secret, body=body)
    # As bytes: compare_digest refuses str with non-ASCII characters (a forged header may hold them).
    return hmac.compare_digest(expected.encode(), (authorization or "").strip().lower().encode("utf-8", "replace"))
