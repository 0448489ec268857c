"""Operator pages for the sync engine, inside Oscar's dashboard layout (a plain URLconf of our own)."""
