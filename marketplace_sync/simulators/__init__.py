"""In-process, wire-faithful marketplace simulators used by the contract tests and the demo.

They share no code with ``marketplace_sync.adapters``: a simulator re-implements the
platform's contract from the official docs so that it can catch an adapter's mistakes.
"""

from .lazada import LazadaSimulator
from .shopee import ShopeeSimulator

__all__ = ["LazadaSimulator", "ShopeeSimulator"]
