"""What the demo-content commands (seed_demo, seed_consultations, seed_volunteers)
share: the --force guard and a bulk insert that keeps historical timestamps."""

import uuid

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

LISTING_NAMESPACE = uuid.UUID("5b0a4e1c-3f43-4d6a-9d6e-6a1f0c2b7e10")


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

    def seed_home_listing(self, home, index):
        """List a section's index page on the home page, before its call to action,
        once (each seeding command adds its own, so none undoes another).
        Counts in ``self.stats`` (a defaultdict of Counters)."""
        from home.models import HomePage

        home = HomePage.objects.get(pk=home.pk)
        blocks = [dict(block) for block in home.body.raw_data]
        for block in blocks:
            if block["type"] == "listing" and block["value"]["index_page"] == index.pk:
                self.stats["HomePage listing"]["unchanged"] += 1
                return
        types = [block["type"] for block in blocks]
        at = types.index("call_to_action") if "call_to_action" in types else len(types)
        listing = {"heading": index.title, "index_page": index.pk, "count": 3}
        block_id = str(uuid.uuid5(LISTING_NAMESPACE, f"home-listing:{index.slug}"))
        blocks.insert(at, {"type": "listing", "value": listing, "id": block_id})
        home.body = blocks
        home.save_revision().publish()
        self.stats["HomePage listing"]["created"] += 1


def bulk_create_dated(model, rows, fields=("created_at",)) -> None:
    """bulk_create, keeping the given timestamps: it would stamp auto_now(_add)
    fields with the current time, on the rows as well as in the database."""
    stamps = [[getattr(row, field) for field in fields] for row in rows]
    model.objects.bulk_create(rows, batch_size=500)
    for row, values in zip(rows, stamps, strict=True):
        for field, value in zip(fields, values, strict=True):
            setattr(row, field, value)
    model.objects.bulk_update(rows, list(fields), batch_size=500)
