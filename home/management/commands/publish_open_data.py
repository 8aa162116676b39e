"""Write the open-data files again (nightly by Celery beat; by hand any time)."""

from django.core.management.base import BaseCommand

from home.open_data.publish import open_data_publish


class Command(BaseCommand):
    help = "Write every public dataset as CSV and JSON, with the data dictionary."

    def handle(self, *args, **options):
        for written in open_data_publish():
            self.stdout.write(
                f"{written.file.name}  {written.rows} rows  {written.size} bytes  "
                f"sha256 {written.sha256}"
            )
