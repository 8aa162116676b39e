"""Wagtail admin registrations (to be written)."""
