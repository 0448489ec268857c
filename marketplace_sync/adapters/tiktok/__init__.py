"""TikTok Shop Open API 202309+, which also serves Tokopedia (see /work/shared/marketplaces/tiktok.md)."""
