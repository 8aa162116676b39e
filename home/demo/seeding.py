"""What every app's demo loader shares: reading its data files, seeded random
generators, counting what it wrote, the --force guard of the demo commands, a
section's listing on the home page, and a bulk insert that keeps timestamps."""

import json
import random
import uuid
from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

LISTING_NAMESPACE = uuid.UUID("5b0a4e1c-3f43-4d6a-9d6e-6a1f0c2b7e10")


def read_data(demo_file: str, name: str):
    """The content of ``data/<name>.json`` in the demo package of ``demo_file``."""
    path = Path(demo_file).resolve().parent / "data" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def seeded(namespace: str, key: str) -> random.Random:
    """A generator fixed by its key, so one item's data never shifts another's."""
    return random.Random(f"{namespace}:{key}")


class DemoLoader:
    """Writes one part of the demo content. Counts, per model, the rows it created,
    updated or left unchanged (``stats``), which ``write_stats`` prints."""

    stats_width = 20

    def __init__(self, *, stdout, style):
        self.stdout = stdout
        self.style = style
        self.stats = defaultdict(Counter)
        self.now = timezone.now()

    def run(self) -> None:
        raise NotImplementedError

    def write_stats(self) -> None:
        for model, counts in self.stats.items():
            parts = [f"{counts[s]} {s}" for s in ("created", "updated", "unchanged")]
            self.stdout.write(f"  {model:<{self.stats_width}} {', '.join(parts)}")

    def seed_index_page(self, home, model, *, slug, title, intro):
        """A section's index page under the home page, in the menus, published
        with this title and intro (again only when they differ)."""
        values = {"title": title, "intro": intro, "show_in_menus": True}
        index = model.objects.child_of(home).filter(slug=slug).first()
        if index is None:
            index = model(slug=slug, **values)
            home.add_child(instance=index)
            index.save_revision().publish()
            self.stats["Page"]["created"] += 1
        elif any(getattr(index, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(index, field, value)
            index.save_revision().publish()
            self.stats["Page"]["updated"] += 1
        else:
            self.stats["Page"]["unchanged"] += 1
        return index

    def seed_home_listing(self, home, index):
        """List a section's index page on the home page, before its call to action,
        once (each loader adds its own, so none undoes another)."""
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


class DemoSeedCommand(BaseCommand):
    """A command that runs a demo loader. The demo has a published password, so it
    runs only with DEBUG on unless --force is given."""

    loader: type[DemoLoader]

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

    def handle(self, *args, **options):
        self.refuse_without_debug(options)
        self.loader(stdout=self.stdout, style=self.style).run()


def demo_residents() -> list:
    """The demo residents (resident01 …) that exist, in their order."""
    from home.demo import resident_emails
    from home.models import User

    emails = resident_emails()
    by_email = {u.email: u for u in User.objects.filter(email__in=emails)}
    return [by_email[e] for e in emails if e in by_email]


def bulk_create_dated(model, rows, fields=("created_at",)) -> None:
    """bulk_create, keeping the given timestamps: it would stamp auto_now(_add)
    fields with the current time, on the rows as well as in the database."""
    stamps = [[getattr(row, field) for field in fields] for row in rows]
    model.objects.bulk_create(rows, batch_size=500)
    for row, values in zip(rows, stamps, strict=True):
        for field, value in zip(fields, values, strict=True):
            setattr(row, field, value)
    model.objects.bulk_update(rows, list(fields), batch_size=500)
