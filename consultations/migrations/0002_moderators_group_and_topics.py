"""The Moderators group (moderate comments, reach the admin) and the standard topics."""

from django.db import migrations

TOPICS = [
    ("城市管理", "city-management"),
    ("社会保障", "social-security"),
    ("生态环境", "environment"),
    ("交通出行", "transport"),
    ("教育文化", "education-culture"),
    ("医疗卫生", "health"),
    ("社区治理", "community"),
    ("公共安全", "public-safety"),
]


def create_group_and_topics(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Topic = apps.get_model("consultations", "Topic")

    comment_type, _created = ContentType.objects.get_or_create(
        app_label="consultations", model="comment"
    )
    moderate, _created = Permission.objects.get_or_create(
        content_type=comment_type,
        codename="moderate_comment",
        defaults={"name": "Can moderate comments"},
    )
    admin_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    access_admin, _created = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group, _created = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(moderate, access_admin)

    for name, slug in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.RunPython(create_group_and_topics, migrations.RunPython.noop),
    ]
