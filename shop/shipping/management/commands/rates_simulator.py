"""Run a courier-rate aggregator simulator: `python manage.py rates_simulator biteship --port 8731`.

Point the shop at it with SHIPPING_RATE_PROVIDER=biteship,
BITESHIP_API_BASE=http://127.0.0.1:8731 and BITESHIP_API_KEY=<the key printed>.
"""
import time

from django.core.management.base import BaseCommand, CommandError

from shop.shipping.simulators.biteship import BiteshipSimulator


class Command(BaseCommand):
    help = "Run a courier-rate aggregator simulator (Biteship's rates API) for tests and the demo."

    def add_arguments(self, parser):
        parser.add_argument("aggregator", choices=["biteship"])
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8731)
        parser.add_argument("--api-key", default="biteship_test.galerikriya-demo")
        parser.add_argument("--delay", type=float, default=0.0, help="seconds before every answer (try timeouts)")

    def handle(self, *args, **opts):
        sim = BiteshipSimulator(api_key=opts["api_key"], delay=opts["delay"])
        try:
            base_url = sim.start(host=opts["host"], port=opts["port"])
        except OSError as exc:
            raise CommandError(f"cannot listen on {opts['host']}:{opts['port']}: {exc}") from exc
        self.stdout.write(f"Biteship rates simulator on {base_url} (authorization: {opts['api_key']})")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            sim.stop()
