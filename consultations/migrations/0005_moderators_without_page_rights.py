"""The project's "Moderators" group is Wagtail's own default group of that name,
which Wagtail's migrations give add, change, publish, lock and unlock on the root
page and every document and image right on the root collection: comment
moderators could edit and publish every unit's pages (activities and their points
multiplier, pledges past their review workflow) and delete any document. They
moderate comments; that is all the group keeps (and entry to the admin)."""

from django.db import migrations


def drop_page_and_collection_rights(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    group = Group.objects.filter(name="Moderators").first()
    if group is None:
        return
    GroupPagePermission.objects.filter(group=group).delete()
    GroupCollectionPermission.objects.filter(group=group).delete()
    group.permissions.remove(
        *group.permissions.filter(
            content_type__app_label__in=["wagtaildocs", "wagtailimages"]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0004_moderation_due_process"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0002_initial_data"),
        ("wagtailimages", "0002_initial_data"),
    ]

    operations = [
        migrations.RunPython(
            drop_page_and_collection_rights, migrations.RunPython.noop
        ),
    ]
