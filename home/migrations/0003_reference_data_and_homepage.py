"""Guiyang's districts and counties (reference data every deployment needs), and a
Canyu home page as the root of the default site in place of Wagtail's welcome page."""

from django.db import migrations

# Administrative division codes (GB/T 2260) of Guiyang's districts and counties.
DISTRICTS = [
    ("520102", "南明区"),
    ("520103", "云岩区"),
    ("520111", "花溪区"),
    ("520112", "乌当区"),
    ("520113", "白云区"),
    ("520115", "观山湖区"),
    ("520121", "开阳县"),
    ("520122", "息烽县"),
    ("520123", "修文县"),
    ("520181", "清镇市"),
]


def create_districts(apps, schema_editor):
    District = apps.get_model("home", "District")
    for order, (code, name) in enumerate(DISTRICTS):
        District.objects.update_or_create(
            code=code, defaults={"name": name, "sort_order": order}
        )


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")

    if HomePage.objects.exists():
        return
    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    homepage_type, _created = ContentType.objects.get_or_create(
        model="homepage", app_label="home"
    )
    locale = Locale.objects.first()
    homepage = HomePage.objects.create(
        title="参与",
        draft_title="参与",
        slug="home",
        content_type=homepage_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        body="[]",
    )
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="参与 Canyu",
        root_page=homepage,
        is_default_site=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_units_pages_settings"),
    ]

    operations = [
        migrations.RunPython(create_districts, migrations.RunPython.noop),
        migrations.RunPython(create_homepage, migrations.RunPython.noop),
    ]
