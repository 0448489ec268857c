"""Run a marketplace simulator: `python manage.py marketplace_simulator shopee|lazada --port N`.

The demo (`make run`) connects its demo Shopee channel to it with the fixed
credentials printed at start; with --buyers-every, simulated buyers keep
placing orders so the sync has something to do.
"""

import random
import threading
import time

from django.core.management.base import BaseCommand, CommandError

from ._lazada_simulator import DEFAULT_PORT as LAZADA_PORT
from ._lazada_simulator import start_lazada
from marketplace_sync.simulators.shopee import ShopeeSimulator, SimulatorError

# Fixed defaults so the demo can connect without reading the simulator's output.
DEFAULT_PARTNER_ID = 2001887
DEFAULT_PARTNER_KEY = "demo-shopee-partner-key"
DEFAULT_SHOP_ID = 14701711
DEFAULT_ACCESS_TOKEN = "5977717463656273726661554670" + "4c6d"
DEFAULT_REFRESH_TOKEN = "4c7259534969484e71734d695a6e" + "0d55"


class Command(BaseCommand):
    help = "Run a wire-faithful marketplace simulator (in memory) for tests and the demo."

    def add_arguments(self, parser):
        parser.add_argument("marketplace", choices=["shopee", "lazada"])
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=None, help="default: shopee 8701, lazada 8703")
        parser.add_argument("--partner-id", type=int, default=DEFAULT_PARTNER_ID)
        parser.add_argument("--partner-key", default=DEFAULT_PARTNER_KEY)
        parser.add_argument("--shop-id", type=int, default=DEFAULT_SHOP_ID)
        parser.add_argument("--access-token", default=DEFAULT_ACCESS_TOKEN)
        parser.add_argument("--refresh-token", default=DEFAULT_REFRESH_TOKEN)
        parser.add_argument("--webhook", default=None, help="URL that receives signed push notifications")
        parser.add_argument("--error-http-status", type=int, default=200,
                            help="HTTP status of application errors (UNCONFIRMED on real Shopee)")
        parser.add_argument("--buyers-every", type=float, default=None, metavar="SECONDS",
                            help="simulated buyers place an order every SECONDS")
        parser.add_argument("--verbose", action="store_true")

    def handle(self, *args, **opts):
        if opts["marketplace"] == "lazada":
            opts["port"] = opts["port"] or LAZADA_PORT
            return self._lazada(opts)
        opts["port"] = opts["port"] or 8701
        sim = ShopeeSimulator(
            partner_id=opts["partner_id"], partner_key=opts["partner_key"],
            error_http_status=opts["error_http_status"], auth_shop_id=opts["shop_id"], verbose=opts["verbose"],
            # A fresh random seed per run: the demo restarts the simulator while
            # our database keeps the orders it imported, so order numbers must
            # not repeat from one run to the next.
            seed=None,
        )
        try:
            base_url = sim.start(host=opts["host"], port=opts["port"])
        except OSError as exc:
            raise CommandError(f"cannot listen on {opts['host']}:{opts['port']}: {exc}")
        shop = sim.add_shop(
            opts["shop_id"], shop_name="Galeri Kriya (demo)",
            access_token=opts["access_token"], refresh_token=opts["refresh_token"],
        )
        if opts["webhook"]:
            sim.set_webhook(opts["webhook"])
        out = self.stdout
        out.write(f"Shopee simulator listening on {base_url}")
        out.write(f"  partner_id    {sim.partner_id}")
        out.write(f"  partner_key   {sim.partner_key}")
        out.write(f"  shop_id       {shop['shop_id']}")
        out.write(f"  access_token  {shop['access_token']}  (expires in {shop['expire_in']} s)")
        out.write(f"  refresh_token {shop['refresh_token']}")
        out.write(f"  control API   {base_url}/_sim/state")
        stop = threading.Event()
        if opts["buyers_every"]:
            threading.Thread(
                target=self._buyers, args=(sim, shop["shop_id"], opts["buyers_every"], stop), daemon=True
            ).start()
            out.write(f"  simulated buyers order every {opts['buyers_every']:g} s")
        out.flush() if hasattr(out, "flush") else None
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            sim.stop()

    def _buyers(self, sim, shop_id, every, stop):
        rng = random.Random()
        names = ["ayu.lestari", "budi_santoso", "dewi.kusuma", "rizky88", "siti.nurhaliza", "wayan.art"]
        while not stop.wait(every):
            buyable = [
                item for item in sim.items.values()
                if item["shop_id"] == shop_id and item["item_status"] == "NORMAL" and item["stock"] > 0
            ]
            if not buyable:
                continue
            item = rng.choice(buyable)
            try:
                order_sn = sim.create_order(
                    shop_id, [{"item_id": item["item_id"], "model_id": 0, "quantity": 1}],
                    buyer={"username": rng.choice(names)},
                )
            except SimulatorError as exc:  # stock raced away between listing and checkout
                self.stderr.write(f"simulated buyer gave up: {exc}")
                continue
            self.stdout.write(f"simulated buyer ordered {item['item_name']!r}: {order_sn}")

    # -- Lazada ------------------------------------------------------------------------------

    def _lazada(self, opts):
        """One Lazada seller with the demo's fixed credentials; the API is served under <base>/rest."""
        try:
            running = start_lazada(host=opts["host"], port=opts["port"], webhook=opts["webhook"], opts=opts)
        except OSError as exc:
            raise CommandError(f"cannot listen on {opts['host']}:{opts['port']}: {exc}")
        self.stdout.write(f"Lazada simulator listening on {running.base_url}")
        for line in running.lines:
            self.stdout.write(line)
        stop = threading.Event()
        if opts["buyers_every"]:
            threading.Thread(target=self._lazada_buyers, args=(running, opts["buyers_every"], stop),
                             daemon=True).start()
            self.stdout.write(f"  simulated buyers order every {opts['buyers_every']:g} s")
        self.stdout.flush()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            running.stop()

    def _lazada_buyers(self, running, every, stop):
        rng = random.Random()
        while not stop.wait(every):
            order_id = running.buy(rng)
            if order_id:
                self.stdout.write(f"lazada: a simulated buyer placed order {order_id}")
                self.stdout.flush()
