"""Lazada Open Platform (see /work/shared/marketplaces/lazada.md and docs/marketplace_sync.md)."""
