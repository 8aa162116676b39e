"""Create or repair every unit's admin workspace (group, collection, folders)."""

from django.core.management.base import BaseCommand

from home.models import Unit
from home.services.workspaces import unit_workspace_ensure


class Command(BaseCommand):
    help = (
        "Give every unit its Wagtail group, media collection and section folders, "
        "and put its editors and organisers in the group. Safe to run again."
    )

    def handle(self, *args, **options):
        count = 0
        for unit in Unit.objects.order_by("pk"):
            unit_workspace_ensure(unit=unit)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"{count} unit workspaces in order."))
