"""A Biteship rates API simulator over real HTTP, for tests and the demo.

Built from Biteship's public documentation, sharing no code with the adapter
(``shop/shipping/rates/biteship``): ``POST /v1/rates/couriers`` with the API
key in the ``authorization`` header; postal codes, a comma-separated
``couriers`` list and ``items`` (weight in grams, sizes in cm); errors as
``{"success": false, "error": ..., "code": ...}``. Prices come from the
simulator's own table keyed by the postcode's region (Indonesian postcodes
start with their region's digit: 6xxxx is East Java, 99xxx Papua), so they
differ from our rate table on purpose.

Faults for tests: ``delay`` (seconds before answering) and ``fail_status``.
"""
from __future__ import annotations

import json
import math
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Postcode prefix (longest first) -> simulated region.
REGIONS = [
    ("99", "papua"), ("98", "papua"), ("97", "maluku"), ("9", "sulawesi"), ("8", "bali-nusa"),
    ("7", "kalimantan"), ("6", "jatim"), ("5", "jateng"), ("4", "jabar"), ("3", "sumatera"),
    ("2", "sumatera"), ("1", "jakarta"),
]
# Rupiah per kg from East Java, and days, per region; None where the service does not go.
PRICE_PER_KG = {
    "jatim": 8500, "jateng": 12500, "jabar": 14500, "jakarta": 13500, "bali-nusa": 26000,
    "sumatera": 36000, "kalimantan": 40000, "sulawesi": 46000, "maluku": 76000, "papua": 112000,
}
DAYS = {
    "jatim": (1, 2), "jateng": (2, 3), "jabar": (2, 3), "jakarta": (2, 3), "bali-nusa": (2, 4),
    "sumatera": (3, 5), "kalimantan": (3, 5), "sulawesi": (3, 6), "maluku": (4, 7), "papua": (5, 9),
}
# courier code -> [(service code, courier name, service name, price factor, next-day only, remote ok)]
SERVICES = {
    "jne": [("reg", "JNE", "Reguler", 1.0, False, True), ("yes", "JNE", "Yakin Esok Sampai", 1.7, True, False)],
    "jnt": [("ez", "J&T", "EZ", 0.95, False, True)],
    "sicepat": [("reg", "SiCepat", "Reguler", 0.92, False, True)],
    "pos": [("kilat_khusus", "POS Indonesia", "Kilat Khusus", 0.82, False, True)],
}
REMOTE = {"maluku", "papua"}


class _Error(Exception):
    def __init__(self, status: int, message: str, code: int):
        super().__init__(message)
        self.status, self.message, self.code = status, message, code


def _region(postcode) -> str | None:
    text = str(postcode)
    if not (text.isdigit() and len(text) == 5) or text.startswith("0"):
        return None
    return next((region for prefix, region in REGIONS if text.startswith(prefix)), None)


class BiteshipSimulator:
    def __init__(self, *, api_key: str = "biteship_test.simulator", delay: float = 0.0, fail_status: int | None = None):
        self.api_key = api_key
        self.delay = delay
        self.fail_status = fail_status
        self.requests: list[dict] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.base_url = ""

    # --------------------------------------------------------------- server
    def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        self._server = ThreadingHTTPServer((host, port), self._handler())
        self._server.daemon_threads = True
        self.base_url = f"http://{host}:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def _handler(self):
        simulator = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                status, body = simulator.handle("POST", self.path, dict(self.headers.items()), raw)
                self._send(status, body)

            def do_GET(self):  # noqa: N802
                self._send(404, {"success": False, "error": "Not found", "code": 40400001})

            def _send(self, status, body):
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

            def log_message(self, *args):
                pass

        return Handler

    # --------------------------------------------------------------- API
    def handle(self, method: str, path: str, headers: dict, raw: bytes) -> tuple[int, dict]:
        if self.delay:
            time.sleep(self.delay)
        if self.fail_status:
            return self.fail_status, {"success": False, "error": "Something's wrong with Biteship's internal server",
                                      "code": 50000001}
        if path.split("?")[0] != "/v1/rates/couriers":
            return 404, {"success": False, "error": "The request is not exist", "code": 40400001}
        lowered = {key.lower(): value for key, value in headers.items()}
        if lowered.get("authorization", "") != self.api_key:
            return 401, {"success": False, "error": "Authentication for your key has failed.", "code": 40000001}
        try:
            body = json.loads(raw.decode() or "{}")
        except ValueError:
            return 400, {"success": False, "error": "Request body must be JSON", "code": 40001000}
        self.requests.append(body)
        try:
            return 200, self._rates(body)
        except _Error as exc:
            return exc.status, {"success": False, "error": exc.message, "code": exc.code}

    def _rates(self, body: dict) -> dict:
        couriers = body.get("couriers")
        items = body.get("items")
        if not isinstance(couriers, str) or not couriers.strip():
            raise _Error(400, "Required parameter couriers is missing", 40001001)
        if not isinstance(items, list) or not items:
            raise _Error(400, "Required parameter items is missing", 40001001)
        if "origin_postal_code" not in body or "destination_postal_code" not in body:
            raise _Error(400, "Either origin or destination needs to have postal code or coordinate", 40001002)
        origin, destination = _region(body["origin_postal_code"]), _region(body["destination_postal_code"])
        if origin is None:
            raise _Error(400, "Invalid origin postal code", 40001003)
        if destination is None:
            raise _Error(400, "Invalid destination postal code", 40001004)
        grams = 0
        for item in items:
            if not isinstance(item, dict) or not item.get("name"):
                raise _Error(400, "items.name is required", 40001001)
            weight, quantity = item.get("weight"), item.get("quantity", 1)
            if not isinstance(weight, (int, float)) or weight <= 0 or not isinstance(quantity, int) or quantity < 1:
                raise _Error(400, "items.weight and items.quantity must be positive numbers", 40001001)
            volume = 1
            for side in ("length", "width", "height"):
                volume *= item.get(side) or 0
            grams += max(weight, volume / 6) * quantity  # L x W x H / 6000 kg = / 6 g
        kilograms = max(1, math.ceil((grams - 300) / 1000)) if grams > 1000 else 1
        pricing = []
        for courier in [code.strip() for code in couriers.split(",") if code.strip()]:
            for service, courier_name, service_name, factor, next_day, remote_ok in SERVICES.get(courier, []):
                if destination in REMOTE and not remote_ok:
                    continue
                low, high = (1, 1) if next_day else DAYS[destination]
                price = int(round(PRICE_PER_KG[destination] * factor * kilograms, -2))
                pricing.append({
                    "available_for_cash_on_delivery": False, "available_for_proof_of_delivery": False,
                    "available_for_instant_waybill_id": True, "available_for_insurance": True,
                    "company": courier, "courier_name": courier_name, "courier_code": courier,
                    "courier_service_name": service_name, "courier_service_code": service,
                    "description": f"{courier_name} {service_name}", "duration": f"{low} - {high} days",
                    "shipment_duration_range": f"{low} - {high}", "shipment_duration_unit": "days",
                    "service_type": "standard", "shipping_type": "parcel", "price": price, "type": service,
                })
        return {
            "success": True, "object": "courier_pricing", "message": "Success to retrieve courier pricing",
            "code": 20001003,
            "origin": {"postal_code": body["origin_postal_code"]},
            "destination": {"postal_code": body["destination_postal_code"]},
            "pricing": pricing,
        }
