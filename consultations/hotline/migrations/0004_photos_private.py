"""Photos of requests and replies move to the private storage (outside
MEDIA_ROOT): the field changes, and the files already uploaded are moved."""

from django.db import migrations, models

import consultations.hotline.models.outcomes
import consultations.hotline.models.requests


def move_photos(apps, schema_editor):
    from django.core.files.storage import default_storage

    private = consultations.hotline.models.requests.private_storage()
    if private is default_storage:
        return
    for name in ("RequestPhoto", "ReplyPhoto"):
        for path in apps.get_model("hotline", name).objects.values_list(
            "image", flat=True
        ):
            if not path or private.exists(path) or not default_storage.exists(path):
                continue
            with default_storage.open(path, "rb") as source:
                private.save(path, source)
            default_storage.delete(path)


class Migration(migrations.Migration):
    dependencies = [
        ("hotline", "0003_reply_on_time"),
    ]

    operations = [
        migrations.AlterField(
            model_name="replyphoto",
            name="image",
            field=models.ImageField(
                storage=consultations.hotline.models.requests.private_storage,
                upload_to=consultations.hotline.models.outcomes.reply_photo_path,
                verbose_name="Photo",
            ),
        ),
        migrations.AlterField(
            model_name="requestphoto",
            name="image",
            field=models.ImageField(
                storage=consultations.hotline.models.requests.private_storage,
                upload_to=consultations.hotline.models.requests.request_photo_path,
                verbose_name="Photo",
            ),
        ),
        migrations.RunPython(move_photos, migrations.RunPython.noop),
    ]
