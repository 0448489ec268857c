"""Thin TikTok Shop HTTP client: common parameters, signing, the ``code`` envelope.

Knows TikTok Shop and nothing of Django. Every call goes through the shared
``HttpSession`` (timeouts, retries on 429/5xx); each attempt is signed afresh.
The body is serialised once, because its bytes are part of the signature.
"""
from __future__ import annotations

import json
from urllib.parse import urlencode

from marketplace_sync.adapters.base import (
    AuthError,
    ExpiredTokenError,
    HttpSession,
    MarketplaceError,
    RequestRejected,
    _json_or_text,
)

from . import signing

#: [TT-CONCEPTS common-errors]
EXPIRED_TOKEN_CODES = {105002}
AUTH_CODES = {106001, 36009004, 105005, 105001, 36009033}
THROTTLED_CODE = 36009002
#: Answers that mean "try again later" whatever the HTTP status says.
RETRYABLE_CODES = {THROTTLED_CODE, 36009003, 36009007}


class TikTokClient:
    def __init__(self, *, api_base_url: str, auth_base_url: str, app_key: str, app_secret: str,
                 session: HttpSession, clock):
        self.api_base_url = api_base_url.rstrip("/")
        self.auth_base_url = auth_base_url.rstrip("/")
        self.app_key = app_key
        self.app_secret = app_secret
        self.session = session
        self.clock = clock

    def call(self, method: str, path: str, *, access_token: str, shop_cipher: str = "", params: dict | None = None,
             body: dict | None = None, files: dict | None = None, data: dict | None = None) -> dict:
        """One signed API call; returns ``data`` of a ``code`` 0 envelope."""
        url = self.api_base_url + path
        raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode() if body is not None else b""

        def build():
            query = {"app_key": self.app_key, "timestamp": int(self.clock())}
            if shop_cipher:
                query["shop_cipher"] = shop_cipher
            for key, value in (params or {}).items():
                if value is not None:
                    query[key] = value
            headers = {"x-tts-access-token": access_token}
            request = {"method": method, "url": url, "headers": headers}
            if files is not None:
                # Multipart bodies are not signed [TT-SIGN].
                query["sign"] = signing.request_sign(app_secret=self.app_secret, path=path, params=query)
                request["files"] = {name: (filename, content()) if callable(content) else (filename, content)
                                    for name, (filename, content) in files.items()}
                request["data"] = data or {}
            else:
                query["sign"] = signing.request_sign(app_secret=self.app_secret, path=path, params=query,
                                                     body=raw)
                headers["content-type"] = "application/json"
                if body is not None:
                    request["data"] = raw
            # The query string is built here so the bytes signed are the bytes sent.
            request["url"] = f"{url}?{urlencode(query)}"
            return request

        return self.parse(self.session.send(build), path)

    def auth_call(self, path: str, params: dict) -> dict:
        """Token endpoints on the auth host: plain GET, secret in the query, no signature [TT-AUTH]."""
        url = f"{self.auth_base_url}{path}"
        query = {"app_key": self.app_key, "app_secret": self.app_secret, **params}
        response = self.session.send(lambda: {"method": "GET", "url": url, "params": query})
        return self.parse(response, path)

    def parse(self, response, path: str) -> dict:
        payload = _json_or_text(response)
        if not isinstance(payload, dict) or "code" not in payload:
            if response.status_code in (401, 403):
                raise AuthError(f"{path}: HTTP {response.status_code}", status=response.status_code)
            if response.status_code >= 400:
                raise RequestRejected(f"{path}: HTTP {response.status_code} {payload!r:.200}",
                                      status=response.status_code, payload=payload)
            raise MarketplaceError(f"{path}: not a TikTok Shop envelope: {payload!r:.200}", status=response.status_code)
        code = payload.get("code")
        if code == 0 and response.status_code < 400:
            data = payload.get("data")
            return data if isinstance(data, dict) else {}
        message = payload.get("message") or ""
        text = f"{path}: {code}: {message}"
        kwargs = {"code": str(code), "status": response.status_code, "payload": payload}
        if code in EXPIRED_TOKEN_CODES:
            raise ExpiredTokenError(text, **kwargs)
        if code in AUTH_CODES or response.status_code == 401:
            raise AuthError(text, **kwargs)
        raise RequestRejected(text, **kwargs)


def is_retryable_answer(response) -> bool:
    """A throttle or internal error said in the body of a 2xx answer is retried too."""
    try:
        payload = response.json()
    except ValueError:
        return False
    return isinstance(payload, dict) and payload.get("code") in RETRYABLE_CODES
