"""Maps a channel kind to its adapter class; import is lazy so one broken adapter cannot break the others."""
from importlib import import_module

ADAPTERS = {
    "shopee": "marketplace_sync.adapters.shopee.adapter.ShopeeAdapter",
    "tiktok": "marketplace_sync.adapters.tiktok.adapter.TikTokShopAdapter",
    "lazada": "marketplace_sync.adapters.lazada.adapter.LazadaAdapter",
}


def registered_kinds():
    return sorted(ADAPTERS)


def adapter_class_for(kind: str):
    try:
        dotted = ADAPTERS[kind]
    except KeyError:
        raise LookupError(f"No marketplace adapter for kind {kind!r}; known: {', '.join(registered_kinds())}") from None
    module, _, name = dotted.rpartition(".")
    return getattr(import_module(module), name)
