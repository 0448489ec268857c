"""Thin Shopee v2 HTTP client: common parameters, signing, the ``error`` envelope.

Knows Shopee and nothing of Django. Every call goes through the shared
``HttpSession`` (timeouts, retries); each attempt is signed afresh.
"""
from __future__ import annotations

import json

from marketplace_sync.adapters.base import (
    AuthError,
    ExpiredTokenError,
    HttpSession,
    MarketplaceError,
    RequestRejected,
    _json_or_text,
)

from . import signing

#: ``error`` values that mean the access token is no longer valid. The exact
#: string for an expired token is undocumented ([SH-CALLS] lists ``error_auth``
#: "Invalid access_token."; SDKs also see ``invalid_acceess_token`` [sic]).
EXPIRED_TOKEN_ERRORS = {"invalid_acceess_token", "invalid_access_token", "error_invalid_access_token"}
#: Credential problems that no retry or refresh will fix.
AUTH_ERRORS = {"error_sign", "error_auth", "error_permission", "error_partner_id", "invalid_partner_id"}
#: Body-level "try again later" answers (HTTP status is undocumented for Shopee).
RETRYABLE_ERRORS = {"error_server", "error_network", "error_busy", "error_rate_limit", "RATE_LIMIT_EXCEEDED",
                    "error_too_many_request"}


class ShopeeClient:
    def __init__(self, *, api_base_url: str, partner_id, partner_key: str, session: HttpSession, clock):
        self.api_base_url = api_base_url.rstrip("/")
        self.partner_id = int(partner_id)
        self.partner_key = partner_key
        self.session = session
        self.clock = clock

    def signed_params(self, api_path: str, *, access_token: str = "", shop_id=None) -> dict:
        timestamp = int(self.clock())
        params = {"partner_id": self.partner_id, "timestamp": timestamp}
        if access_token:
            params.update(access_token=access_token, shop_id=shop_id)
        params["sign"] = signing.request_sign(
            partner_id=self.partner_id, partner_key=self.partner_key, api_path=api_path, timestamp=timestamp,
            access_token=access_token, shop_id=shop_id if access_token else "",
        )
        return params

    def call(self, method: str, api_path: str, *, params: dict | None = None, body: dict | None = None,
             files: dict | None = None, data: dict | None = None, access_token: str = "", shop_id=None) -> dict:
        """One API call; returns the whole decoded envelope when ``error`` is empty."""
        url = self.api_base_url + api_path

        def build():
            query = self.signed_params(api_path, access_token=access_token, shop_id=shop_id)
            query.update(params or {})
            request = {"method": method, "url": url, "params": query}
            if files is not None:
                request["files"] = {name: (filename, content()) if callable(content) else (filename, content)
                                    for name, (filename, content) in files.items()}
                request["data"] = data or {}
            elif body is not None:
                # Serialise once: the bytes sent are the bytes meant.
                request["data"] = json.dumps(body, separators=(",", ":")).encode()
                request["headers"] = {"Content-Type": "application/json"}
            return request

        response = self.session.send(build)
        return self.parse(response, api_path)

    def parse(self, response, api_path: str) -> dict:
        payload = _json_or_text(response)
        if not isinstance(payload, dict):
            if response.status_code in (401, 403):
                raise AuthError(f"{api_path}: HTTP {response.status_code}", status=response.status_code)
            if response.status_code >= 400:
                raise RequestRejected(f"{api_path}: HTTP {response.status_code} {payload!r:.200}",
                                      status=response.status_code, payload=payload)
            raise MarketplaceError(f"{api_path}: not JSON: {payload!r:.200}", status=response.status_code)
        error = payload.get("error") or ""
        if not error:
            if response.status_code >= 400:
                raise RequestRejected(f"{api_path}: HTTP {response.status_code}", status=response.status_code,
                                      payload=payload)
            return payload
        message = payload.get("message") or ""
        text = f"{api_path}: {error}: {message}"
        kwargs = {"code": error, "status": response.status_code, "payload": payload}
        if error in EXPIRED_TOKEN_ERRORS or (
            error in {"error_auth", "error_param"}
            and "access_token" in message.lower()
            and "no access_token" not in message.lower()
        ):
            raise ExpiredTokenError(text, **kwargs)
        if error in AUTH_ERRORS:
            raise AuthError(text, **kwargs)
        raise RequestRejected(text, **kwargs)


def is_retryable_answer(response) -> bool:
    """Shopee may say "try later" in a 2xx body; the session retries those too."""
    try:
        payload = response.json()
    except ValueError:
        return False
    return isinstance(payload, dict) and payload.get("error") in RETRYABLE_ERRORS
