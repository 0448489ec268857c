"""Thin Lazada Open Platform (LazOP) HTTP client: system parameters, signing, the ``code`` envelope.

Knows Lazada and nothing of Django. GET sends every parameter in the query;
POST sends them as an ``application/x-www-form-urlencoded`` body, or multipart
when a file is attached (the file is not signed) [LZ-SIGN], [PY-LAZOP]. Complex
business parameters (``payload``, ``packReq``...) are one string holding JSON.
Every call goes through the shared ``HttpSession``; each attempt is signed afresh.
"""
from __future__ import annotations

import json
import re

from marketplace_sync.adapters.base import (
    AuthError,
    ExpiredTokenError,
    HttpSession,
    MarketplaceError,
    RequestRejected,
    _json_or_text,
)

from . import signing

AUTH_BASE_URL = "https://auth.lazada.com/rest"

#: ``code`` values meaning the access token no longer works: refresh once, retry once.
EXPIRED_TOKEN_CODES = {"IllegalAccessToken", "AccessTokenExpired"}
#: Credential problems no retry or refresh will fix [LZ-SIGN], error-messages guide.
AUTH_CODES = {"IncompleteSignature", "InvalidApiKey", "InvalidAppKey", "AppKeyNotExist", "AppNotExist",
              "IllegalAppKey", "InsufficientPermission", "AppCallLimit", "SellerNotActive", "InvalidSignature"}
#: Answers that mean "try again shortly", sent with HTTP 200 and the error in the body:
#: ``ApiCallLimit`` (per-API per-second ban) [LZ-QA], 901 "request too frequent" and
#: ``SYS_REQUEST_TOO_FAST`` on the product APIs [LZ-API:product-api/*].
RETRYABLE_CODES = {"ApiCallLimit", "901", "SYS_REQUEST_TOO_FAST", "ServiceUnavailable", "ISP.ServiceUnavailable"}
BAN_SECONDS = re.compile(r"ban will last (\d+(?:\.\d+)?) seconds?", re.IGNORECASE)


class LazadaClient:
    def __init__(self, *, api_base_url: str, auth_base_url: str, app_key: str, app_secret: str,
                 session: HttpSession, clock):
        self.api_base_url = api_base_url.rstrip("/")
        self.auth_base_url = (auth_base_url or AUTH_BASE_URL).rstrip("/")
        self.app_key = str(app_key)
        self.app_secret = app_secret
        self.session = session
        self.clock = clock

    def signed_params(self, api_path: str, params: dict | None = None, *, access_token: str = "") -> dict:
        """System + business parameters with ``sign``; values as the strings that go on the wire."""
        signed = {"app_key": self.app_key, "timestamp": str(int(self.clock() * 1000)), "sign_method": "sha256"}
        if access_token:
            signed["access_token"] = access_token
        for key, value in (params or {}).items():
            if value is None or value == "":
                continue  # empty values are not signed by Lazada's own sample: never send them
            signed[key] = wire_value(value)
        signed["sign"] = signing.request_sign(app_secret=self.app_secret, api_path=api_path, params=signed)
        return signed

    def call(self, method: str, api_path: str, *, params: dict | None = None, access_token: str = "",
             files: dict | None = None, auth_host: bool = False) -> dict:
        """One API call; returns the decoded envelope when ``code`` is "0"."""
        url = (self.auth_base_url if auth_host else self.api_base_url) + api_path

        def build():
            signed = self.signed_params(api_path, params, access_token=access_token)
            if method == "GET":
                return {"method": "GET", "url": url, "params": signed}
            request = {"method": "POST", "url": url, "data": signed}
            if files is not None:
                request["files"] = {name: (filename, content() if callable(content) else content, ctype)
                                    for name, (filename, content, ctype) in files.items()}
            return request

        return self.parse(self.session.send(build), api_path)

    def parse(self, response, api_path: str) -> dict:
        payload = _json_or_text(response)
        if not isinstance(payload, dict):
            if response.status_code in (401, 403):
                raise AuthError(f"{api_path}: HTTP {response.status_code}", status=response.status_code)
            if response.status_code >= 400:
                raise RequestRejected(f"{api_path}: HTTP {response.status_code} {payload!r:.200}",
                                      status=response.status_code, payload=payload)
            raise MarketplaceError(f"{api_path}: not JSON: {payload!r:.200}", status=response.status_code)
        code = str(payload.get("code", ""))
        if code == "0":
            return payload
        message = payload.get("message") or ""
        detail = payload.get("detail")
        text = f"{api_path}: {code}: {message}" + (f" {json.dumps(detail, ensure_ascii=False)[:300]}" if detail else "")
        kwargs = {"code": code, "status": response.status_code, "payload": payload}
        if code in EXPIRED_TOKEN_CODES:
            raise ExpiredTokenError(text, **kwargs)
        if code in AUTH_CODES:
            raise AuthError(text, **kwargs)
        raise RequestRejected(text, **kwargs)


def wire_value(value) -> str:
    """Lazada parameters are strings: objects and lists travel as compact JSON."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _payload(response):
    try:
        payload = response.json()
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def is_retryable_answer(response) -> bool:
    """Lazada throttles with HTTP 200 and ``code`` ApiCallLimit in the body: the session retries those."""
    payload = _payload(response)
    return payload is not None and str(payload.get("code", "")) in RETRYABLE_CODES


def ban_seconds(response) -> float | None:
    """The ban length Lazada states in the message ("this ban will last 1 seconds")."""
    payload = _payload(response)
    if payload is None:
        return None
    match = BAN_SECONDS.search(str(payload.get("message") or ""))
    return float(match.group(1)) if match else None
