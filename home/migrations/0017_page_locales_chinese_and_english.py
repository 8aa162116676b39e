"""Page translation is switched on (WAGTAIL_I18N_ENABLED): the two content locales,
Chinese (the default) and English, exist, and every page created before this —
all of them Chinese — is in the Chinese locale."""

from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    chinese = Locale.objects.filter(language_code="zh-hans").first()
    if chinese is None:
        # Wagtail's initial locale holds the pages; it took the language code of
        # its day.
        chinese = Locale.objects.order_by("pk").first() or Locale()
        chinese.language_code = "zh-hans"
        chinese.save()
    # Until now no page could be translated: every page is Chinese.
    Page.objects.exclude(locale=chinese).update(locale=chinese)
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0016_project_workflows_only"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_locales, migrations.RunPython.noop),
    ]
