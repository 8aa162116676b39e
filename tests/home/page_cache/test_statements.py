"""How the page cache reads SQL: which tables a statement reads or writes."""

import pytest

from home.page_cache import SITE_WIDE
from home.page_cache.tables import READ, WRITE, classify


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (
            'SELECT "consultations_comment"."id", "consultations_comment"."updated_at" '
            'FROM "consultations_comment" INNER JOIN "home_unit" ON (1=1) '
            'WHERE "consultations_comment"."created" > %s',
            (READ, {"consultations_comment", "home_unit"}),
        ),
        (
            'SELECT "volunteers_shift"."id" FROM "volunteers_shift" FOR UPDATE',
            (READ, {"volunteers_shift"}),
        ),
        (
            'INSERT INTO "consultations_comment" ("body") VALUES (%s) RETURNING "id"',
            (WRITE, {"consultations_comment"}),
        ),
        (
            'UPDATE "volunteers_shiftplaces" SET "confirmed" = ("confirmed" + 1) '
            'WHERE "volunteers_shiftplaces"."shift_id" IN (SELECT U0."id" FROM '
            '"volunteers_shift" U0)',
            (WRITE, {"volunteers_shiftplaces"}),
        ),
        (
            'DELETE FROM "volunteers_signup" WHERE "volunteers_signup"."id" IN (%s)',
            (WRITE, {"volunteers_signup"}),
        ),
        # A raw upsert, unquoted (the leaderboard rollups).
        (
            "INSERT INTO volunteers_volunteerperiodtotal (volunteer_id, period) "
            "VALUES (%s, %s) ON CONFLICT (volunteer_id, period) DO UPDATE SET "
            "minutes = volunteers_volunteerperiodtotal.minutes + excluded.minutes",
            (WRITE, {"volunteers_volunteerperiodtotal"}),
        ),
        ('ALTER TABLE "home_unit" ADD COLUMN "x" integer', (WRITE, {SITE_WIDE})),
        ('TRUNCATE "home_unit", "consultations_comment"', (WRITE, {SITE_WIDE})),
        ('SAVEPOINT "s1"', (READ, set())),
        ('RELEASE SAVEPOINT "s1"', (READ, set())),
    ],
)
def test_statements_are_placed(sql, expected):
    kind, tables = classify(sql)
    assert (kind, set(tables)) == expected
