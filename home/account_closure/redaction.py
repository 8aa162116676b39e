"""Free text that stays (a comment, the reason given for a correction) may name
the person: their name, email and phone are replaced where they appear."""

import re

REDACTED = "***"


def redact(text: str, needles: list[str]) -> str:
    for needle in needles:
        if needle and len(needle.strip()) >= 2:
            text = re.sub(re.escape(needle), REDACTED, text, flags=re.IGNORECASE)
    return text


def redact_rows(queryset, fields: list[str], needles: list[str]) -> int:
    """Redact ``fields`` of every row of ``queryset``; returns the rows changed."""
    changed = 0
    for row in queryset.only("pk", *fields):
        updates = {}
        for name in fields:
            value = getattr(row, name) or ""
            cleaned = redact(value, needles)
            if cleaned != value:
                updates[name] = cleaned
        if updates:
            type(row)._base_manager.filter(pk=row.pk).update(**updates)
            changed += 1
    return changed
