"""Shopee Open Platform v2 (see /work/shared/marketplaces/shopee.md and docs/marketplace_sync.md)."""
