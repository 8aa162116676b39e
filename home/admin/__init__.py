"""The shared core's admin screens; home/wagtail_hooks.py registers them.

Django's admin autodiscovery imports this package: it brings in only the Django
admin's account screens that record who opens them (django_admin.py)."""

from home.admin import django_admin  # noqa: F401
