"""Open facilities (开放设施): a unit's sports grounds, halls and rooms that residents
book by the slot. Models live in home/models/facilities.py; this package holds the
slot arithmetic, selectors, services, forms, views and the iCalendar files (the
routes are in home/urls.py)."""
