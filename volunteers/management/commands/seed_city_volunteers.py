"""The volunteering of ``seed_city`` (which calls this with its scale)."""

from django.core.management import BaseCommand
from django.db import transaction

from volunteers.city import seed_activities, seed_signups
from volunteers.city_records import seed_records, seed_teams, seed_volunteers


class Command(BaseCommand):
    help = "Add the city's activities, volunteers, sign-ups and service records."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.1)

    def handle(self, *args, **options):
        scale = options["scale"]
        with transaction.atomic():
            past, future = seed_activities(scale, self.stdout)
            volunteers = seed_volunteers(scale, self.stdout)
            seed_teams(scale, volunteers)
            seed_signups(scale, self.stdout, future, volunteers)
            seed_records(scale, self.stdout, past, volunteers)
