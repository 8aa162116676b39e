"""Load a believable Chinese demo site: units, people, pages and site settings
(home/demo/site.py), then the consultations, volunteering, facilities, points,
pledges and residents' feedback on the pledges through their own commands, called
by name (home imports no feature app), and last the English translations of the
site's own pages (home/demo/translations.py). The content is in each app's
demo/data/.

Idempotent: a second run changes nothing."""

from io import StringIO

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from home.demo.consent import ConsentDemo
from home.demo.site import SiteDemo
from home.demo.translations import TranslationDemo
from home.models import OpenDataFile

# In this order: the volunteering creates the service records whose points
# seed_points posts; facilities come before the pledges that name them, and the
# pledges before residents' feedback on them (by name: home imports no feature app).
SECTIONS = [
    "seed_consultations",
    "seed_volunteers",
    "seed_facilities",
    "seed_points",
    "seed_pledges",
    "seed_pledge_feedback",
    "seed_hotline",
]


class Command(BaseCommand):
    help = "Create or update the demo site (units, users, pages, settings)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts share a published "
            "password and two-factor secret: never use this on a real site.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates accounts with a published password and TOTP "
                "secret; it runs only with DEBUG on (or with --force)."
            )
        site = SiteDemo(stdout=self.stdout, style=self.style)
        with transaction.atomic():
            site.run()
        for command in SECTIONS:
            call_command(command, force=options["force"], stdout=self.stdout)
        # After the sections: the English home page lists the same ones.
        english = TranslationDemo(stdout=self.stdout, style=self.style)
        with transaction.atomic():
            english.run()
        english.write_stats()
        # Last: every demo person (volunteers included) has accepted the
        # current policies, so demo logins are not sent to the consent page.
        consent = ConsentDemo(stdout=self.stdout, style=self.style)
        with transaction.atomic():
            consent.run()
        consent.write_stats()
        # The open-data files of the demo, as the nightly job would write them
        # (once: a second run changes nothing; the job writes them every night).
        if not OpenDataFile.objects.exists():
            call_command("publish_open_data", stdout=StringIO())
            self.stdout.write("Open-data files written (/open-data/).")
        site.report()
