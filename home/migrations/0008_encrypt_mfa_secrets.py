"""Encrypt the two-factor secrets already stored (TOTP secrets, recovery-code
seeds) under CANYU_MFA_KEY; from now on allauth's adapter
(home.twofactor.adapter) encrypts them as they are written."""

from django.db import migrations


def encrypt_stored(apps, schema_editor):
    from home.twofactor.adapter import convert_authenticator_data, encrypt_if_clear

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.order_by("pk"):
        data = convert_authenticator_data(authenticator.data, encrypt_if_clear)
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def decrypt_stored(apps, schema_editor):
    from home.twofactor.adapter import convert_authenticator_data, decrypt_secret

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.order_by("pk"):
        authenticator.data = convert_authenticator_data(
            authenticator.data, decrypt_secret
        )
        authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_facility_pledge_item"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_stored, decrypt_stored)]
