"""Wagtail admin screens of consultations; each module under hooks/ registers its
own."""

from consultations.hooks import evaluations, moderation, replies, topics  # noqa: F401
