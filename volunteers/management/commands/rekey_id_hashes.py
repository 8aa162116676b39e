"""Re-key the ID numbers' hashes: ``manage.py rekey_id_hashes --old-key-env OLD``.

Why this works without the numbers: the platform never stores an ID number, only
its keyed hash and a masked form. A keyed hash such as HMAC cannot be re-keyed
without the input, so the hash (volunteers/identity.py) is a power in a
prime-order group, ``tag = H(number) ** k mod p`` with ``k`` derived from
``CANYU_ID_HASH_KEY``. Raising a stored tag to ``k_new / k_old (mod q)`` gives
``H(number) ** k_new``: exactly the tag the new key computes. Storing the numbers
encrypted would have allowed re-keying too, but would keep every number readable
by whoever holds that key; layered hashes would need the old key forever. Here
the old key can be destroyed once the command has run.

Steps (the README's "Changing the ID hash key"):

1. Keep the current key in an environment variable (e.g. ``CANYU_ID_HASH_KEY_OLD``),
   set ``CANYU_ID_HASH_KEY`` to the new one, and stop registrations
   (maintenance mode) so that no tag is written under the old key meanwhile.
2. ``manage.py rekey_id_hashes --old-key-env CANYU_ID_HASH_KEY_OLD`` re-keys
   every stored tag in one transaction (``--dry-run`` counts them only).
3. Restart with the new key; delete the old one.

Keys are read from environment variables, never from the command line (which
other users of the machine can see in the process list)."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from volunteers.identity import id_tag_rekey
from volunteers.models import Volunteer


class Command(BaseCommand):
    help = "Re-key every stored ID number hash from an old key to the current one."

    def add_arguments(self, parser):
        parser.add_argument(
            "--old-key-env",
            required=True,
            help="The environment variable holding the key the tags were made with.",
        )
        parser.add_argument(
            "--new-key-env",
            default="",
            help="The variable holding the new key (default: CANYU_ID_HASH_KEY "
            "as configured).",
        )
        parser.add_argument("--dry-run", action="store_true")

    def _key(self, variable: str) -> str:
        value = os.environ.get(variable, "")
        if not value:
            raise CommandError(f"The environment variable {variable} is empty.")
        return value

    def handle(self, *args, old_key_env, new_key_env, dry_run, **options):
        old_key = self._key(old_key_env)
        new_key = self._key(new_key_env) if new_key_env else settings.CANYU_ID_HASH_KEY
        if old_key == new_key:
            raise CommandError("The old and the new key are the same: nothing to do.")
        with transaction.atomic():
            rows = list(
                Volunteer.objects.select_for_update()
                .exclude(id_number_tag="")
                .values_list("pk", "id_number_tag")
            )
            if not dry_run:
                for pk, tag in rows:
                    Volunteer.objects.filter(pk=pk).update(
                        id_number_tag=id_tag_rekey(
                            tag, old_key=old_key, new_key=new_key
                        )
                    )
        verb = "Would re-key" if dry_run else "Re-keyed"
        self.stdout.write(f"{verb} {len(rows)} ID number hashes.")
