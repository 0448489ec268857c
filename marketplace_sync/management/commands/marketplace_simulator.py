"""Run marketplace simulators: `python manage.py marketplace_simulator shopee tiktok lazada`.

Several marketplaces run in ONE process, each on its own port (the demo keeps
its process count low on a two-core machine):

    python manage.py marketplace_simulator shopee --port 8701
    python manage.py marketplace_simulator shopee tiktok --webhook-base http://127.0.0.1:8000/marketplace/webhooks/

Each marketplace is one entry in SIMULATORS (default port, demo channel code,
and a ``start`` function that builds, starts and seeds its simulator with the
fixed demo credentials of ``marketplace_sync.demo``). Adding a marketplace is
adding one entry. With --buyers-every, simulated buyers keep ordering.
"""
from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from typing import Callable

from django.core.management.base import BaseCommand, CommandError

from marketplace_sync import demo
from marketplace_sync.management.commands._lazada_simulator import start_lazada

BUYER_NAMES = ["ayu.lestari", "budi_santoso", "dewi.kusuma", "rizky88", "siti.nurhaliza", "wayan.art"]


@dataclass
class Running:
    """A started simulator: what to print, how to stop it, and one simulated buyer's order."""

    base_url: str
    lines: list[str]
    stop: Callable[[], None]
    buy: Callable[[random.Random], str | None]  # the order id, or None when nothing is buyable


def start_shopee(*, host, port, webhook, opts) -> Running:
    from marketplace_sync.simulators.shopee import ShopeeSimulator, SimulatorError

    creds = demo.DEMO_CREDENTIALS
    # A fresh random seed per run: the demo restarts the simulator while our database
    # keeps the orders it imported, so order numbers must not repeat between runs.
    sim = ShopeeSimulator(partner_id=creds["partner_id"], partner_key=creds["partner_key"],
                          error_http_status=opts["error_http_status"], auth_shop_id=creds["shop_id"],
                          verbose=opts["verbose"], seed=None)
    base_url = sim.start(host=host, port=port)
    shop = sim.add_shop(creds["shop_id"], shop_name="Galeri Kriya (demo)", access_token=creds["access_token"],
                        refresh_token=creds["refresh_token"])
    if webhook:
        sim.set_webhook(webhook)

    def buy(rng):
        # (item, model) pairs in stock: model 0 for an item without variations, else one of its models.
        buyable = [(i["item_id"], m["model_id"]) for i in sim.items.values()
                   if i["shop_id"] == shop["shop_id"] and i["item_status"] == "NORMAL"
                   for m in (i["models"] or [{"model_id": 0, "stock": i["stock"]}]) if m["stock"] > 0]
        if not buyable:
            return None
        item_id, model_id = rng.choice(buyable)
        try:
            return sim.create_order(shop["shop_id"], [{"item_id": item_id, "model_id": model_id, "quantity": 1}],
                                    buyer={"username": rng.choice(BUYER_NAMES)})
        except SimulatorError:  # stock raced away between listing and checkout
            return None

    return Running(base_url=base_url, stop=sim.stop, buy=buy, lines=[
        f"  partner_id    {sim.partner_id}", f"  partner_key   {sim.partner_key}", f"  shop_id       {shop['shop_id']}",
        f"  access_token  {shop['access_token']}  (expires in {shop['expire_in']} s)",
        f"  refresh_token {shop['refresh_token']}", f"  control API   {base_url}/_sim/state",
    ])


def start_tiktok(*, host, port, webhook, opts) -> Running:
    from marketplace_sync.simulators.tiktok import SimulatorError, TikTokShopSimulator

    creds = demo.TIKTOK_DEMO_CREDENTIALS
    sim = TikTokShopSimulator(app_key=creds["app_key"], app_secret=creds["app_secret"],
                              service_id=creds["service_id"], redirect_url=opts["tiktok_redirect_url"],
                              error_http_status=opts["error_http_status"], verbose=opts["verbose"], seed=None)
    base_url = sim.start(host=host, port=port)
    shop = sim.add_shop(shop_id=creds["shop_id"], name="Galeri Kriya (demo)", cipher=creds["shop_cipher"],
                        access_token=creds["access_token"], refresh_token=creds["refresh_token"])
    if webhook:
        sim.set_webhook(webhook)

    def buy(rng):
        skus = [s["id"] for p in sim.products.values() if p["status"] == "ACTIVATE"
                for s in p["skus"] if s["quantity"] > 0]
        if not skus:
            return None
        try:
            return sim.create_order(shop["cipher"], [{"sku_id": rng.choice(skus), "quantity": 1}])
        except SimulatorError:
            return None

    return Running(base_url=base_url, stop=sim.stop, buy=buy, lines=[
        f"  app_key       {sim.app_key}", f"  app_secret    {sim.app_secret}", f"  shop_cipher   {shop['cipher']}",
        f"  access_token  {shop['access_token']}", f"  refresh_token {shop['refresh_token']}",
        f"  auth host     {base_url} (/api/v2/token/*, /open/authorize)", f"  control API   {base_url}/_sim/state",
    ])


#: kind -> (default port, start function). One line per marketplace.
SIMULATORS = {
    "shopee": (8701, start_shopee),
    "tiktok": (8702, start_tiktok),
    "lazada": (8703, start_lazada),
}


class Command(BaseCommand):
    help = "Run wire-faithful marketplace simulators (in memory, one process) for tests and the demo."

    def add_arguments(self, parser):
        parser.add_argument("marketplaces", nargs="+", choices=sorted(SIMULATORS), metavar="MARKETPLACE",
                            help=f"one or more of: {', '.join(sorted(SIMULATORS))}")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=None,
                            help="port of the first marketplace (others: --ports or their defaults "
                                 + ", ".join(f"{k} {p}" for k, (p, _) in SIMULATORS.items()) + ")")
        parser.add_argument("--ports", default="", metavar="KIND=PORT,...", help="e.g. shopee=8701,tiktok=8702")
        parser.add_argument("--webhook", default=None,
                            help="URL that receives signed notifications (one marketplace only)")
        parser.add_argument("--webhook-base", default=None, metavar="URL",
                            help="each marketplace posts to URL + '<kind>-demo/' (the demo channels' codes)")
        parser.add_argument("--tiktok-redirect-url", default="http://127.0.0.1:8000/dashboard/marketplace/connect/callback/",
                            help="the redirect URL 'registered in Partner Center' for TikTok Shop's OAuth")
        parser.add_argument("--error-http-status", type=int, default=200,
                            help="HTTP status of business errors (UNCONFIRMED for both)")
        parser.add_argument("--buyers-every", type=float, default=None, metavar="SECONDS",
                            help="simulated buyers place an order on each marketplace every SECONDS")
        parser.add_argument("--verbose", action="store_true")

    def _ports(self, opts) -> dict:
        ports = {kind: SIMULATORS[kind][0] for kind in opts["marketplaces"]}
        if opts["port"]:
            ports[opts["marketplaces"][0]] = opts["port"]
        for pair in filter(None, opts["ports"].split(",")):
            kind, _, port = pair.partition("=")
            if kind not in ports or not port.isdigit():
                raise CommandError(f"--ports: {pair!r} is not KIND=PORT for a marketplace being started")
            ports[kind] = int(port)
        return ports

    def handle(self, *args, **opts):
        kinds = list(dict.fromkeys(opts["marketplaces"]))
        opts["marketplaces"] = kinds
        if opts["webhook"] and len(kinds) > 1:
            raise CommandError("--webhook names one URL: with several marketplaces use --webhook-base")
        running = {}
        try:
            for kind, port in self._ports(opts).items():
                webhook = opts["webhook"] or (f"{opts['webhook_base'].rstrip('/')}/{kind}-demo/"
                                              if opts["webhook_base"] else None)
                try:
                    running[kind] = SIMULATORS[kind][1](host=opts["host"], port=port, webhook=webhook, opts=opts)
                except OSError as exc:
                    raise CommandError(f"{kind}: cannot listen on {opts['host']}:{port}: {exc}") from None
                self.stdout.write(f"{kind} simulator listening on {running[kind].base_url}")
                for line in running[kind].lines:
                    self.stdout.write(line)
                if webhook:
                    self.stdout.write(f"  webhooks to   {webhook}")
            stop = threading.Event()
            if opts["buyers_every"]:
                for kind, sim in running.items():
                    threading.Thread(target=self._buyers, args=(kind, sim, opts["buyers_every"], stop),
                                     daemon=True).start()
                self.stdout.write(f"simulated buyers order every {opts['buyers_every']:g} s")
            self.stdout.flush()  # honcho shows it now, not when the buffer fills
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
            finally:
                stop.set()
        finally:
            for sim in running.values():
                sim.stop()

    def _buyers(self, kind, sim: Running, every, stop):
        rng = random.Random()
        while not stop.wait(every):
            order_id = sim.buy(rng)
            if order_id:
                self.stdout.write(f"{kind}: a simulated buyer placed order {order_id}")
                self.stdout.flush()
