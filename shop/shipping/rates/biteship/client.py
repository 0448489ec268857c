"""Biteship's rates API over HTTP; knows Biteship's wire format and nothing of Oscar.

Written from Biteship's public documentation (docs/api/rates/retrieve,
docs/api/authentication, docs/errors): ``POST /v1/rates/couriers`` with the
API key as the ``authorization`` header, origin/destination postal codes,
a comma-separated ``couriers`` list and ``items`` (weight in grams, sizes in
cm); errors come back as ``{"success": false, "error": "..."}`` with a 4xx/5xx
status. See docs/shipping.md for what could not be confirmed.
"""
from __future__ import annotations

import requests

RATES_PATH = "/v1/rates/couriers"


class BiteshipError(Exception):
    def __init__(self, message: str, *, status: int | None = None, code: int | None = None):
        super().__init__(message)
        self.status = status
        self.code = code


class BiteshipUnreachable(BiteshipError):
    """Timeout, connection failure or a 5xx: try again later."""


class BiteshipClient:
    def __init__(self, *, api_base: str, api_key: str, timeout: float, session: requests.Session | None = None):
        self.api_base = api_base.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.session = session or requests.Session()

    def courier_rates(self, *, origin_postal_code: int, destination_postal_code: int, couriers: str,
                      items: list[dict]) -> dict:
        body = {
            "origin_postal_code": origin_postal_code,
            "destination_postal_code": destination_postal_code,
            "couriers": couriers,
            "items": items,
        }
        try:
            response = self.session.post(
                self.api_base + RATES_PATH,
                json=body,
                headers={"authorization": self.api_key, "content-type": "application/json"},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise BiteshipUnreachable(f"Biteship did not answer: {exc}") from exc
        try:
            data = response.json()
        except ValueError:
            data = {}
        if response.status_code >= 500:
            raise BiteshipUnreachable(f"Biteship answered {response.status_code}", status=response.status_code)
        if response.status_code >= 400 or not data.get("success", False):
            raise BiteshipError(
                str(data.get("error") or data.get("message") or f"HTTP {response.status_code}"),
                status=response.status_code, code=data.get("code"),
            )
        return data
