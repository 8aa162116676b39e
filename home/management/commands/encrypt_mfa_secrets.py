"""Encrypt the two-factor secrets stored in the clear (rows written before
encryption, or restored from an old backup), or re-encrypt every one under the
first of ``CANYU_MFA_KEY``'s keys after adding a new key (``--rotate``)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from allauth.mfa.models import Authenticator

from home.twofactor.adapter import (
    convert_authenticator_data,
    encrypt_if_clear,
    rotate_secret,
)


class Command(BaseCommand):
    help = "Encrypt two-factor secrets stored in the clear (--rotate: re-encrypt all)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Re-encrypt every secret under the first key of CANYU_MFA_KEY.",
        )

    @transaction.atomic
    def handle(self, *args, rotate=False, **options):
        convert = rotate_secret if rotate else encrypt_if_clear
        changed = 0
        for authenticator in Authenticator.objects.select_for_update().order_by("pk"):
            data = convert_authenticator_data(authenticator.data, convert)
            if data != authenticator.data:
                authenticator.data = data
                authenticator.save(update_fields=["data"])
                changed += 1
        self.stdout.write(f"{changed} authenticators re-encrypted.")
