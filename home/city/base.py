"""What every part of ``seed_city`` shares: the scale (a fraction of the full
city), a progress bar on the command's output, and bulk inserts (COPY on
PostgreSQL, executemany elsewhere) that skip the ORM's per-row work."""

import sys
import time

from django.core.management.base import CommandError
from django.db import connection

# The full city (issue 16); a scale multiplies every count.
FULL = {
    "residents": 20_000,
    "units": 500,
    "consultations": 100,
    "comments_each": 100,
    "big_consultation_comments": 10_000,
    "activities": 500 * 10,
    "signups": 50_000,
    "volunteers": 100_000,
    "records": 1_000_000,
    "teams": 200,
}
NAMED_SCALES = {"full": 1.0, "tenth": 0.1, "small": 0.01}
CHUNK = 20_000


def parse_scale(value: str) -> float:
    """``full``, ``tenth``, ``small`` or a number: a fraction of the full city
    (0.5) or, above 1, that many residents (2000 = a tenth)."""
    if value in NAMED_SCALES:
        return NAMED_SCALES[value]
    try:
        number = float(value)
    except ValueError as error:
        raise CommandError(
            f"--scale must be full, tenth, small or a number, not {value!r}"
        ) from error
    if number <= 0:
        raise CommandError("--scale must be positive")
    return number / FULL["residents"] if number > 1 else number


def scaled(name: str, scale: float, *, least: int = 1) -> int:
    return max(least, round(FULL[name] * scale))


class Progress:
    """A one-line progress bar: ``label [#####-----] 512/1000 3.1 s``. On a
    terminal it redraws in place; elsewhere it prints the finished line only."""

    width = 30

    def __init__(self, stdout, label: str, total: int):
        self.stdout, self.label, self.total = stdout, label, max(total, 1)
        self.done = 0
        self.started = time.monotonic()
        self.drawn = 0.0
        self.tty = getattr(getattr(stdout, "_out", stdout), "isatty", lambda: False)()

    def _line(self) -> str:
        filled = int(self.width * min(self.done, self.total) / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        seconds = time.monotonic() - self.started
        return f"  {self.label:<24} [{bar}] {self.done}/{self.total} {seconds:.1f} s"

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.tty and now - self.drawn > 0.2:
            self.drawn = now
            sys.stdout.write("\r" + self._line())
            sys.stdout.flush()

    def finish(self) -> None:
        self.done = max(self.done, self.total)
        if self.tty:
            sys.stdout.write("\r")
        self.stdout.write(self._line())


def insert_rows(table: str, columns: list[str], rows, progress=None) -> int:
    """Insert tuples fast: COPY on PostgreSQL, executemany in chunks elsewhere."""
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
                    if progress is not None and count % 1000 == 0:
                        progress.advance(1000)
            if progress is not None:
                progress.advance(count % 1000)
            return count
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == CHUNK:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                if progress is not None:
                    progress.advance(len(chunk))
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
            if progress is not None:
                progress.advance(len(chunk))
    return count


def next_id(model) -> int:
    """The first free primary key of ``model`` (rows are inserted with ids)."""
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def reset_sequences(*tables: str) -> None:
    """After inserting ids by hand, PostgreSQL's sequences move past them."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
