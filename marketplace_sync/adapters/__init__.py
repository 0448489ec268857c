"""One adapter per marketplace behind one interface; see base.py and docs/marketplace_sync.md."""
from .base import MarketplaceAdapter  # noqa: F401
from .registry import adapter_class_for, registered_kinds  # noqa: F401
