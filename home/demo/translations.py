"""The English translations of the site's own pages (run by ``manage.py
seed_demo`` after every section, so that the English home page lists the same
sections as the Chinese one): home, about, guide, privacy, terms and contact,
made as Wagtail translations (``copy_for_translation``, as the admin's
"Translate" action does) and published. The content is in data/pages_en.json.

Idempotent: a translation is created once and published again only when its
content differs from the demo's."""

from django.core.management import CommandError

from wagtail.models import Locale

from home import demo
from home.demo.seeding import DemoLoader, read_data
from home.demo.site import stream_state
from home.models import HomePage, StandardPage

ENGLISH = "en"


class TranslationDemo(DemoLoader):
    stats_width = 16

    def run(self) -> None:
        content = read_data(demo.__file__, "pages_en")
        self.locale, _created = Locale.objects.get_or_create(language_code=ENGLISH)
        home = HomePage.objects.filter(locale=Locale.get_default()).first()
        if home is None:
            raise CommandError("No home page: run `manage.py migrate` first.")
        english_home = self.translation_of(home)
        pages = {}
        for spec in content["standard_pages"]:
            page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
            if page is None:
                continue
            values = {
                "title": spec["title"],
                "show_in_menus": page.show_in_menus,
                "body": [tuple(block) for block in spec["body"]],
                "search_description": spec["search_description"],
            }
            pages[spec["slug"]] = self.sync(self.translation_of(page), values)
        # Fresh tree fields: the translations above are its children now.
        english_home = HomePage.objects.get(pk=english_home.pk)
        self.sync(english_home, self.home_values(home, content["home"], pages))

    def translation_of(self, page):
        """The English translation of ``page``, created (as a draft) if missing."""
        translation = page.get_translation_or_none(self.locale)
        if translation is None:
            translation = page.copy_for_translation(self.locale)
            self.stats["Translation"]["created"] += 1
        else:
            self.stats["Translation"]["unchanged"] += 1
        return translation.specific

    def home_values(self, home, spec, pages) -> dict:
        """The English home page: the Chinese page's blocks in the same order, each
        in English; the hero and the call to action link the English pages."""
        home = HomePage.objects.get(pk=home.pk)
        body = []
        for block in home.body:
            kind, value = block.block_type, block.value
            if kind == "hero":
                body.append(("hero", {**spec["hero"], "link_page": pages["about"]}))
            elif kind == "heading":
                body.append(("heading", spec["mechanisms_heading"]))
            elif kind == "text":
                body.append(("text", spec["mechanisms"]))
            elif kind == "listing":
                index = value["index_page"]
                heading = spec["listing_headings"].get(index.slug, index.title)
                listing = {"heading": heading, "index_page": index, "count": 3}
                body.append(("listing", {**value, **listing}))
            elif kind == "call_to_action":
                cta = {**spec["call_to_action"], "link_page": pages["guide"]}
                body.append(("call_to_action", cta))
        return {
            "title": spec["title"],
            "search_description": spec["hero"]["text"],
            "show_in_menus": False,
            "body": body,
        }

    def sync(self, page, values):
        """Publish ``values`` on the translation when they differ from what is
        live (a new translation is a draft: always published)."""
        before = self.page_state(page) if page.live else None
        for field, value in values.items():
            setattr(page, field, value)
        if before is not None and before == self.page_state(page):
            self.stats["Page (English)"]["unchanged"] += 1
            return page
        page.body.stream_block.clean(page.body)  # refuse invalid demo content
        page.save_revision().publish()
        self.stats["Page (English)"]["updated"] += 1
        return page

    @staticmethod
    def page_state(page):
        fields = (page.title, page.search_description, page.show_in_menus)
        return (*fields, stream_state(page.body))
