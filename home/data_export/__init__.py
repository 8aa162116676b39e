"""Download my data (issue 13, part 1): a zip of everything the platform holds
about one person, built in the background and kept for a week.

Each app says what it holds in its own ``<app>/data_export.py`` with
``export_sections(user) -> list[Section]``; home finds those modules when it
builds an export (collector.py), never at import time."""
