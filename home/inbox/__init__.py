"""The site inbox (站内信): every notice to a person lands here, and by their
choice per kind also goes by email and/or SMS. Call sites use
``from home.inbox import notify``."""

from home.inbox.services import notify, notify_with_email_templates

__all__ = ["notify", "notify_with_email_templates"]
