"""Starting the Lazada simulator for `manage.py marketplace_simulator` (not a command itself).

``start_lazada`` has the shape of the multi-marketplace runner's start functions
(``SIMULATORS = {"lazada": (8703, start_lazada), ...}``): it builds, starts and seeds
the simulator with the demo channel's fixed credentials and returns what to print,
how to stop it and one simulated buyer's order.
"""
from __future__ import annotations

import random
from types import SimpleNamespace

from marketplace_sync import demo

DEFAULT_PORT = 8703
SELLER_ID = "1001"


def start_lazada(*, host, port, webhook, opts):
    from marketplace_sync.simulators.lazada import LazadaSimulator, SimulatorError

    creds = demo.LAZADA_DEMO_CREDENTIALS
    # Unseeded: the demo restarts the simulator while our database keeps the orders
    # it imported, so order ids must not repeat between runs.
    sim = LazadaSimulator(app_key=creds["app_key"], app_secret=creds["app_secret"], seed=None,
                          error_http_status=opts.get("error_http_status", 200), verbose=opts.get("verbose", False))
    base_url = sim.start(host=host, port=port)
    seller = sim.add_seller(SELLER_ID, access_token=creds["access_token"], refresh_token=creds["refresh_token"])
    if webhook:
        sim.set_webhook(webhook)

    def buy(rng: random.Random):
        skus = [sku["SellerSku"] for product in sim.products.values() if product["status"] == "Active"
                for sku in product["skus"] if sku["Status"] == "active" and sku["sellable"] > 0]
        if not skus:
            return None
        try:
            return sim.create_order([{"seller_sku": rng.choice(skus), "quantity": 1}])
        except SimulatorError:  # stock raced away between listing and checkout
            return None

    return SimpleNamespace(base_url=base_url, stop=sim.stop, buy=buy, lines=[
        f"  API and auth  {sim.api_url} (/oauth/authorize beside it)",
        f"  app_key       {sim.app_key}", f"  app_secret    {sim.app_secret}", f"  seller_id     {seller['seller_id']}",
        f"  access_token  {seller['access_token']}  (expires in {seller['expires_in']} s)",
        f"  refresh_token {seller['refresh_token']}", f"  control API   {base_url}/_sim/state",
    ])
