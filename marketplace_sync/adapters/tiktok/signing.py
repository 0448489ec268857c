"""TikTok Shop 202309 request and webhook signatures [TT-SIGN], [TT-WH].

Request: every query parameter except ``sign`` and ``access_token``, sorted by
key, concatenated as ``key + value``; the request path in front; the raw body
appended unless the request is multipart; the whole wrapped in the app secret
on both sides; lower-case hex HMAC-SHA256 keyed with the app secret.

Webhook ``Authorization``: lower-case hex HMAC-SHA256(app_secret, app_key + raw body)
(two SDKs agree; the official page only says "per the signing guide").
"""
import hashlib
import hmac

EXCLUDED_PARAMS = frozenset({"sign", "access_token"})


def base_string(*, path: str, params: dict, body: bytes = b"", app_secret: str) -> bytes:
    pairs = "".join(f"{key}{params[key]}" for key in sorted(params) if key not in EXCLUDED_PARAMS)
    return app_secret.encode() + path.encode() + pairs.encode() + (body or b"") + app_secret.encode()


def request_sign(*, app_secret: str, path: str, params: dict, body: bytes = b"") -> str:
    """``body``: the exact bytes sent; pass b"" for multipart uploads (not signed)."""
    wrapped = base_string(path=path, params=params, body=body, app_secret=app_secret)
    return hmac.new(app_secret.encode(), wrapped, hashlib.sha256).hexdigest()


def webhook_signature(*, app_key: str, app_secret: str, body: bytes) -> str:
    return hmac.new(app_secret.encode(), app_key.encode() + body, hashlib.sha256).hexdigest()


def webhook_signature_valid(*, app_key: str, app_secret: str, body: bytes, authorization: str) -> bool:
    expected = webhook_signature(app_key=app_key, app_secret=app_secret, body=body)
    # As bytes: compare_digest refuses str with non-ASCII characters (a forged header may hold them).
    return hmac.compare_digest(expected.encode(), (authorization or "").strip().lower().encode("utf-8", "replace"))
