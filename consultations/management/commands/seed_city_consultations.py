"""The consultations of ``seed_city`` (which calls this with its scale)."""

from django.core.management import BaseCommand
from django.db import transaction

from consultations.city import seed_consultations


class Command(BaseCommand):
    help = "Add the city's consultations and comments (run by seed_city)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.1)

    def handle(self, *args, **options):
        with transaction.atomic():
            seed_consultations(options["scale"], self.stdout)
