"""Biteship (biteship.com), an Indonesian courier aggregator: its rates API."""
