"""Operator side of marketplace sync: management commands and dashboard pages."""
