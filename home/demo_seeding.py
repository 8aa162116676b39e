"""What the demo-content commands (seed_demo, seed_consultations, seed_volunteers)
share: the --force guard and a bulk insert that keeps historical timestamps."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class DemoSeedCommand(BaseCommand):
    """A command that writes demo content (with a published password), so it runs
    only with DEBUG on unless --force is given."""

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. Never use this on a real site.",
        )

    def refuse_without_debug(self, options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                f"{self.name} writes demo content; it runs only with DEBUG on "
                "(or with --force)."
            )

    @property
    def name(self) -> str:
        return self.__module__.rsplit(".", 1)[-1]


def bulk_create_dated(model, rows, fields=("created_at",)) -> None:
    """bulk_create, keeping the given timestamps: it would stamp auto_now(_add)
    fields with the current time, on the rows as well as in the database."""
    stamps = [[getattr(row, field) for field in fields] for row in rows]
    model.objects.bulk_create(rows, batch_size=500)
    for row, values in zip(rows, stamps, strict=True):
        for field, value in zip(fields, values, strict=True):
            setattr(row, field, value)
    model.objects.bulk_update(rows, list(fields), batch_size=500)
