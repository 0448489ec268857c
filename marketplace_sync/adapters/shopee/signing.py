"""Shopee v2 request and push signatures [SH-CALLS], [SH-AUTH], [SH-PUSH].

sign = lowercase hex HMAC-SHA256(partner_key as UTF-8, base string), where the
base string is a plain concatenation: partner_id + api_path + timestamp, then
access_token + shop_id for shop APIs. The key is the literal string, never
hex-decoded.
"""
import hashlib
import hmac


def base_string(*, partner_id, api_path: str, timestamp: int, access_token: str = "", shop_id="") -> str:
    return f"{partner_id}{api_path}{timestamp}{access_token}{shop_id if access_token else ''}"


def sign(*, partner_key: str, base: str) -> str:
    return hmac.new(partner_key.encode(), base.encode(), hashlib.sha256).hexdigest()


def request_sign(*, partner_id, partner_key: str, api_path: str, timestamp: int,
                 access_token: str = "", shop_id="") -> str:
    base = base_string(partner_id=partner_id, api_path=api_path, timestamp=timestamp,
                       access_token=access_token, shop_id=shop_id)
    return sign(partner_key=partner_key, base=base)


def push_signature(*, partner_key: str, url: str, body: bytes) -> str:
    """Push ``Authorization`` header: HMAC over ``callback_url + "|" + raw body``."""
    return hmac.new(partner_key.encode(), url.encode() + b"|" + body, hashlib.sha256).hexdigest()


def push_signature_valid(*, partner_key: str, url: str, body: bytes, authorization: str) -> bool:
    expected = push_signature(partner_key=partner_key, url=url, body=body)
    # As bytes: compare_digest refuses str with non-ASCII characters (a forged header may hold them).
    return hmac.compare_digest(expected.encode(), (authorization or "").strip().lower().encode("utf-8", "replace"))
