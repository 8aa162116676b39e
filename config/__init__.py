"""The Canyu project package: settings, URLs, WSGI/ASGI and the Celery app."""

from .celery_app import app as celery_app

__all__ = ("celery_app",)
