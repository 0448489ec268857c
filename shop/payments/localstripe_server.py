"""Run localstripe (a Stripe fake) on 127.0.0.1, in memory, for tests and the demo.

localstripe's own ``localstripe`` command listens on every interface and
re-pickles its whole store to /tmp after every write. We import its aiohttp
application in this separate process (it is GPL-3.0: we run it, never copy
it), switch the pickling off and serve it on a loopback socket we bind
ourselves, so ``--port 0`` picks a free port. The chosen address is printed
on the first line of stdout for whoever started us::

    python -m shop.payments.localstripe_server --port 0
    LOCALSTRIPE_URL=http://127.0.0.1:40123

``--webhook-url`` registers a webhook endpoint at start-up (the demo's
``/payments/stripe/webhook/``), signed with ``--webhook-secret``.
"""
import argparse
import logging
import os
import socket
import sys

DEMO_WEBHOOK_SECRET = "whsec_galerikriya_local_demo"

#: Stripe's documented test cards that decline at payment. localstripe
#: declines them only when attached to a customer (we never attach), so
#: without ``decline_test_cards_at_charge`` they would be charged.
DECLINED_AT_CHARGE = frozenset({
    "4000000000000002",  # generic decline
    "4000000000009995",  # insufficient funds
    "4000000000009987",  # lost card
    "4000000000009979",  # stolen card
    "4000000000000069",  # expired card
    "4000000000000127",  # incorrect CVC
    "4000000000000119",  # processing error
})
READY_PREFIX = "LOCALSTRIPE_URL="


def _parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8420, help="0 picks a free port")
    parser.add_argument("--webhook-url", default=os.environ.get("STRIPE_DEMO_WEBHOOK_URL", ""))
    parser.add_argument(
        "--webhook-secret", default=os.environ.get("STRIPE_WEBHOOK_SECRET") or DEMO_WEBHOOK_SECRET
    )
    parser.add_argument("--verbose", action="store_true", help="log every request")
    return parser.parse_args(argv)


def decline_test_cards_at_charge(resources) -> None:
    """Make localstripe decline Stripe's declining test cards when charged.

    Patched on the imported class in this process only (never in
    site-packages); ``Card`` delegates to the same ``PaymentMethod`` rule.
    """
    charging_is_declined = resources.PaymentMethod._charging_is_declined

    def _charging_is_declined(self):
        if getattr(self, "type", "card") == "card" and getattr(self, "_card_number", "") in DECLINED_AT_CHARGE:
            return True
        return charging_is_declined(self)

    resources.PaymentMethod._charging_is_declined = _charging_is_declined


def main(argv=None):
    args = _parse_args(argv)

    from aiohttp import web
    from localstripe import resources, server, webhooks

    # In memory only: no load from, and no dump to, /tmp/localstripe.pickle.
    resources.Store.dump_to_disk = lambda self: None
    decline_test_cards_at_charge(resources)

    if args.webhook_url:
        webhooks.register_webhook("galeri-kriya", args.webhook_url, args.webhook_secret, None)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    host, port = sock.getsockname()[:2]
    # Listen before announcing the address: connections made before aiohttp
    # starts serving wait in the backlog instead of being refused.
    sock.listen(128)

    # The project's one log format (Jakarta time), without loading Django.
    from shop.log import configure_standalone

    configure_standalone(level="INFO" if args.verbose else "WARNING")
    access_log = logging.getLogger("aiohttp.access") if args.verbose else None
    print(f"{READY_PREFIX}http://{host}:{port}", flush=True)
    if args.webhook_url:
        print(f"localstripe: webhooks go to {args.webhook_url}", flush=True)
    web.run_app(server.app, sock=sock, access_log=access_log, print=None)


if __name__ == "__main__":
    sys.exit(main())
