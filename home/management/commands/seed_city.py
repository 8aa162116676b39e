"""Fill the database with a city, for the benchmarks (``make bench``): residents,
units with their pledges, consultations with their comments, activities with
sign-ups, volunteers, teams and a million service records at full scale (see
home/city/base.py for the counts). Bulk inserts; only the page tree goes through
the ORM. Each app writes its own part through its own command, called by name
(home imports no feature app). Each run adds another batch.

Run it on top of ``seed_demo`` (the site, its settings and menus)."""

import time

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from home.city.base import analyze, parse_scale
from home.city.people import seed_residents, seed_units
from home.models import HomePage

SECTIONS = ["seed_city_consultations", "seed_city_volunteers"]


class Command(BaseCommand):
    help = "Add a city's worth of data (--scale full, tenth, small or a number)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="tenth")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (a benchmark database only).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("seed_city runs only with DEBUG on (or with --force).")
        if not HomePage.objects.exists():
            raise CommandError("No home page: run `manage.py migrate` first.")
        scale = parse_scale(options["scale"])
        started = time.monotonic()
        self.stdout.write(f"Seeding a city at scale {scale:g}:")
        with transaction.atomic():
            seed_residents(scale, self.stdout)
            seed_units(scale, self.stdout)
        for command in SECTIONS:
            call_command(command, scale=scale, stdout=self.stdout)
        analyze()
        self.stdout.write(
            self.style.SUCCESS(f"City ready in {time.monotonic() - started:.1f} s.")
        )
