import django.db.models.deletion
from django.db import migrations, models


def carry_stamps_across(apps, schema_editor):
    """Each pledge's reminder stamps become PledgeReminder rows, same times."""
    PledgePage = apps.get_model("home", "PledgePage")
    PledgeReminder = apps.get_model("home", "PledgeReminder")
    rows = []
    for pk, stamp_30, stamp_7 in PledgePage.objects.values_list(
        "pk", "reminder_30_sent_at", "reminder_7_sent_at"
    ).iterator():
        for days, stamp in ((30, stamp_30), (7, stamp_7)):
            if stamp is not None:
                rows.append(PledgeReminder(pledge_id=pk, days=days, sent_at=stamp))
    PledgeReminder.objects.bulk_create(rows, batch_size=500)


def carry_stamps_back(apps, schema_editor):
    PledgePage = apps.get_model("home", "PledgePage")
    PledgeReminder = apps.get_model("home", "PledgeReminder")
    for reminder in PledgeReminder.objects.all().iterator():
        PledgePage.objects.filter(pk=reminder.pledge_id).update(
            **{f"reminder_{reminder.days}_sent_at": reminder.sent_at}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0009_pledge_evidence_private_file"),
    ]

    operations = [
        migrations.CreateModel(
            name="PledgeReminder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "days",
                    models.PositiveSmallIntegerField(
                        verbose_name="Days before the deadline"
                    ),
                ),
                ("sent_at", models.DateTimeField(verbose_name="Sent at")),
                (
                    "pledge",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to="home.pledgepage",
                    ),
                ),
            ],
            options={
                "verbose_name": "Pledge report reminder",
                "verbose_name_plural": "Pledge report reminders",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("pledge", "days"), name="pledge_reminder_once"
                    )
                ],
            },
        ),
        migrations.RunPython(carry_stamps_across, carry_stamps_back),
        migrations.RemoveField(
            model_name="pledgepage",
            name="reminder_30_sent_at",
        ),
        migrations.RemoveField(
            model_name="pledgepage",
            name="reminder_7_sent_at",
        ),
    ]
