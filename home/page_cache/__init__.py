"""The anonymous page cache.

Anonymous GETs of pages are stored whole in the shared cache (Redis in
production, the file cache under ``make run``) and served from it until a table
the page read is written. ``middleware`` decides what is stored and serves it;
``tables`` watches every SQL statement of every process (web, Celery worker,
management command): a request's SELECTs say which tables its page depends on,
an INSERT/UPDATE/DELETE bumps the version of the table it writes; ``versions``
keeps those versions in the shared cache. README, "Page cache".
"""

SITE_WIDE = "*"
