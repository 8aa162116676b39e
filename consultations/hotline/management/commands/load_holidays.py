"""manage.py load_holidays 2026: the State Council's official schedule of
public holidays and make-up working days (调休) for a year, into the
calendar the time limits count with. Safe to run twice."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from consultations.hotline.holiday_schedules import SCHEDULES
from consultations.hotline.models import Holiday


class Command(BaseCommand):
    help = "Load the official public holidays and make-up working days of a year."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    @transaction.atomic
    def handle(self, *args, year, **options):
        schedule = SCHEDULES.get(year)
        if schedule is None:
            known = ", ".join(str(known) for known in sorted(SCHEDULES))
            raise CommandError(
                f"No official holiday schedule is known for {year} (known: {known}). "
                "Enter the State Council's notice for that year in the admin "
                "(Hotline → Holiday calendar) once it is published."
            )
        count = 0
        for name, days_off, workdays in schedule:
            for day in days_off:
                Holiday.objects.update_or_create(
                    date=day, defaults={"kind": Holiday.Kind.HOLIDAY, "name": name}
                )
                count += 1
            for day in workdays:
                Holiday.objects.update_or_create(
                    date=day,
                    defaults={"kind": Holiday.Kind.WORKDAY, "name": f"{name}调休"},
                )
                count += 1
        self.stdout.write(f"{year}: {count} calendar days loaded.")
