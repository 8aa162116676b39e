"""Load a believable Chinese demo site: units, people, pages and site settings.

Idempotent: every row is found by a natural key (email, credit code, page slug)
and written only when it differs from the demo content, so a second run changes
nothing. The content itself lives in home/demo_content.py.
"""

import importlib
import random
import time
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from wagtail.models import Site

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from home import demo_content as demo
from home.models import (
    District,
    HomePage,
    SiteSettings,
    StandardPage,
    Unit,
    UnitMembership,
    User,
)
from home.phone import normalise_phone
from home.validators import credit_code_check_character, validate_credit_code

# The districts are reference data created by a migration; reuse its list.
DISTRICTS = importlib.import_module(
    "home.migrations.0003_reference_data_and_homepage"
).DISTRICTS


def organisation_code(rng: random.Random) -> str:
    """Nine characters: eight digits and their GB 11714 check character."""
    digits = [rng.randrange(10) for _ in range(8)]
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(d * w for d, w in zip(digits, weights, strict=True))
    check = 11 - total % 11
    return "".join(map(str, digits)) + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(kind: str, unit: demo.DemoUnit, district_code: str) -> str:
    prefix = demo.CREDIT_CODE_PREFIX[kind]
    if kind == Unit.Kind.SOCIAL_ORGANISATION:  # its kind shows in its name's end
        ends = demo.SOCIAL_ORGANISATION_PREFIX
        prefix = next((ends[e] for e in ends if unit.name.endswith(e)), prefix)
    region = demo.REGISTRY_REGION.get(unit.level, district_code)
    first_17 = prefix + region + organisation_code(seeded(f"credit:{unit.name}"))
    code = first_17 + credit_code_check_character(first_17)
    validate_credit_code(code)  # raises if the demo data could not be genuine
    return code


def seeded(key: str) -> random.Random:
    """A generator fixed by its key, so one item's data never shifts another's."""
    return random.Random(f"canyu-demo:{key}")


def chinese_name(rng: random.Random) -> str:
    return rng.choice(demo.SURNAMES) + rng.choice(demo.GIVEN_NAMES)


def mobile_number(rng: random.Random) -> str:
    prefix = rng.choice(demo.MOBILE_PREFIXES)
    return normalise_phone(f"{prefix}{rng.randrange(10**8):08d}")


def landline_number(rng: random.Random) -> str:
    return normalise_phone(f"0851-8{rng.choice('4568')}{rng.randrange(10**6):06d}")


def stream_state(value) -> list:
    """A StreamField's content without block ids, with defaults filled in, so
    that freshly built content compares equal to the same content once saved."""
    block = value.stream_block
    normalised = block.to_python(block.get_prep_value(value))
    return [(c.block_type, c.block.get_prep_value(c.value)) for c in normalised]


class Command(BaseCommand):
    help = "Create or update the demo site (units, users, pages, settings)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts share a published "
            "password and two-factor secret: never use this on a real site.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates accounts with a published password and TOTP "
                "secret; it runs only with DEBUG on (or with --force)."
            )
        self.stats = defaultdict(Counter)
        self.password_hash = None
        with transaction.atomic():
            districts = self.seed_districts()
            units = self.seed_units(districts)
            logins = self.seed_people(units)
            totp_secret = self.seed_admin_totp(logins[0][0])
            home = self.seed_pages()
            self.seed_site(home)
        call_command("seed_consultations", force=options["force"], stdout=self.stdout)
        call_command("seed_volunteers", force=options["force"], stdout=self.stdout)
        call_command("seed_facilities", force=options["force"], stdout=self.stdout)
        # After the demo service records: it posts their points.
        call_command("seed_points", force=options["force"], stdout=self.stdout)
        call_command("seed_pledges", force=options["force"], stdout=self.stdout)
        self.report(logins, totp_secret)

    # -- writing -------------------------------------------------------------

    def upsert(self, model, lookup, values, *, create=None, clean=False):
        """Find by ``lookup``; create, or save only the fields that differ."""
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj, status = model(**lookup, **values, **(create or {})), "created"
        else:
            changed = {f: v for f, v in values.items() if getattr(obj, f) != v}
            if not changed:
                self.stats[model.__name__]["unchanged"] += 1
                return obj
            for field, value in changed.items():
                setattr(obj, field, value)
            status = "updated"
        if clean:
            obj.full_clean()
        obj.save()
        self.stats[model.__name__][status] += 1
        return obj

    def seed_districts(self):
        for order, (code, name) in enumerate(DISTRICTS):
            self.upsert(District, {"code": code}, {"name": name, "sort_order": order})
        return {district.name: district for district in District.objects.all()}

    def seed_units(self, districts):
        units = {}
        for kind, demo_units in demo.UNITS.items():
            slug_prefix = kind.replace("_", "-")
            for number, unit in enumerate(demo_units, start=1):
                district = districts[unit.district]
                rng = seeded(f"unit:{unit.name}")
                slug = f"{slug_prefix}-{number:02d}"
                contact_phone = (
                    mobile_number(rng)
                    if kind == Unit.Kind.RESIDENTS_COMMITTEE
                    else landline_number(rng)
                )
                units[unit.name] = self.upsert(
                    Unit,
                    {"credit_code": credit_code(kind, unit, district.code)},
                    {
                        "name": unit.name,
                        "slug": slug,
                        "kind": kind,
                        "district_id": district.pk,
                        "address": unit.address,
                        "contact_name": chinese_name(rng),
                        "contact_phone": contact_phone,
                        "contact_email": f"{slug}@{demo.DEMO_EMAIL_DOMAIN}",
                        "description": unit.description,
                        # Two per kind await verification, as new units would.
                        "is_verified": number % 6 != 0,
                    },
                    clean=True,
                )
        return units

    def seed_user(self, email, display_name, *, phone="", staff=False):
        if self.password_hash is None:
            # One hash for all: hashing ~50 passwords would take most of a minute.
            self.password_hash = make_password(demo.DEMO_PASSWORD)
        values = {"display_name": display_name, "phone": phone, "is_active": True}
        user = self.upsert(
            User,
            {"email": email},
            {**values, "is_staff": staff, "is_superuser": staff},
            create={"password": self.password_hash},
            clean=True,
        )
        verified = {"verified": True, "primary": True}
        self.upsert(EmailAddress, {"user": user, "email": email}, verified)
        return user

    def seed_people(self, units):
        """Returns the logins to print: (user, role description)."""
        domain = demo.DEMO_EMAIL_DOMAIN
        admin = self.seed_user(f"admin@{domain}", "平台管理员", staff=True)
        moderator = self.seed_user(f"moderator@{domain}", "内容审核员")
        # The group comes from the consultations app's migration; asked for by name.
        moderators = Group.objects.filter(name="Moderators").first()
        if moderators is not None:
            moderator.groups.add(moderators)
        logins = [(admin, "superuser, staff (two-factor)"), (moderator, "moderator")]
        for unit_name, prefix, roles in demo.UNIT_TEAMS:
            unit = units[unit_name]
            for role, display_name in roles.items():
                user = self.seed_user(f"{prefix}.{role}@{domain}", display_name)
                membership = {"unit": unit, "user": user, "role": role}
                self.upsert(UnitMembership, membership, {})
                logins.append((user, f"{unit_name} · {role}"))
        for number, display_name in enumerate(demo.RESIDENT_NAMES, start=1):
            email = f"resident{number:02d}@{domain}"
            phone = mobile_number(seeded(email)) if number % 3 == 1 else ""
            self.seed_user(email, display_name, phone=phone)
        return logins

    def seed_admin_totp(self, admin):
        """Give the admin the demo TOTP authenticator unless they have one. Returns
        the secret to print, or None when the admin enrolled a device of their own."""
        totp = Authenticator.Type.TOTP
        existing = Authenticator.objects.filter(user=admin, type=totp).first()
        if existing is None:
            TOTP.activate(admin, demo.DEMO_TOTP_SECRET)
            self.stats["Authenticator"]["created"] += 1
            return demo.DEMO_TOTP_SECRET
        self.stats["Authenticator"]["unchanged"] += 1
        secret = get_mfa_adapter().decrypt(existing.data["secret"])
        return secret if secret == demo.DEMO_TOTP_SECRET else None

    def sync_page(self, page, values, *, parent=None):
        """Publish ``values`` on the page (new under ``parent``) when they differ
        from what is live, so that a re-run adds no revision."""
        before = None if parent else self.page_state(page)
        for field, value in values.items():
            setattr(page, field, value)
        if before is not None and before == self.page_state(page):
            self.stats["Page"]["unchanged"] += 1
            return page
        page.body.stream_block.clean(page.body)  # refuse invalid demo content
        if parent:
            parent.add_child(instance=page)
        page.save_revision().publish()
        self.stats["Page"]["created" if parent else "updated"] += 1
        return page

    @staticmethod
    def page_state(page):
        fields = (page.title, page.search_description, page.show_in_menus)
        return (*fields, stream_state(page.body))

    def seed_pages(self):
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("No home page: run `manage.py migrate` first.")
        pages = {}
        for spec in demo.STANDARD_PAGES:
            page = StandardPage.objects.child_of(home).filter(slug=spec.slug).first()
            values = {"title": spec.title, "show_in_menus": True, "body": spec.body}
            values["search_description"] = spec.search_description
            if page is None:
                page = self.sync_page(StandardPage(slug=spec.slug), values, parent=home)
            else:
                page = self.sync_page(page, values)
            pages[spec.slug] = page

        home = HomePage.objects.get(pk=home.pk)  # fresh tree fields after add_child
        # Sections (consultations, pledges, activities …) get a listing once their
        # index pages exist.
        listings = [
            ("listing", {"heading": child.title, "index_page": child, "count": 3})
            for child in home.get_children().live().specific()
            if type(child).__name__.endswith("IndexPage")
        ]
        guide = pages["guide"]
        body = [
            ("hero", {**demo.HOME_HERO, "link_page": pages["about"]}),
            ("heading", demo.HOME_MECHANISMS_HEADING),
            ("text", demo.HOME_MECHANISMS),
            *listings,
            ("call_to_action", {**demo.HOME_CALL_TO_ACTION, "link_page": guide}),
        ]
        values = {"title": "参与", "search_description": demo.HOME_HERO["text"]}
        return self.sync_page(home, {**values, "show_in_menus": False, "body": body})

    def seed_site(self, home):
        url = urlsplit(settings.CANYU_BASE_URL)
        port = url.port or (443 if url.scheme == "https" else 80)
        values = {"hostname": url.hostname, "port": port, "site_name": "参与 Canyu"}
        values["root_page_id"] = home.pk
        site = self.upsert(Site, {"is_default_site": True}, values)
        self.upsert(SiteSettings, {"site": site}, demo.SITE_SETTINGS)

    # -- reporting -----------------------------------------------------------

    def report(self, logins, totp_secret):
        write = self.stdout.write
        for model, counts in self.stats.items():
            parts = [f"{counts[s]} {s}" for s in ("created", "updated", "unchanged")]
            write(f"  {model:<16} {', '.join(parts)}")

        base_url = settings.CANYU_BASE_URL
        last = len(demo.RESIDENT_NAMES)
        residents = f"resident01 … resident{last:02d}@{demo.DEMO_EMAIL_DOMAIN}"
        width = max(len(residents), *(len(user.email) for user, _ in logins)) + 2
        write("")
        write(self.style.SUCCESS("=" * 72))
        write(self.style.SUCCESS("  参与 Canyu demo site is ready"))
        write(self.style.SUCCESS("=" * 72))
        write(f"  Site:     {base_url}/")
        write(f"  Admin:    {base_url}/admin/   (staff: password + two-factor code)")
        write(f"  Password: {demo.DEMO_PASSWORD}   (the same for every demo login)")
        write("")
        for user, role in logins:
            write(f"  {user.email:<{width}}{user.display_name}  —  {role}")
        write(f"  {residents:<{width}}居民  —  residents")
        write("")
        admin = logins[0][0]
        if totp_secret is None:
            write("  admin@ has set up its own authenticator: use that device's code.")
        else:
            period = mfa_settings.TOTP_PERIOD
            now = int(time.time())
            code = format_hotp_value(hotp_value(totp_secret, now // period))
            write(f"  Two-factor (TOTP) for {admin.email}:")
            write(f"    secret (base32): {totp_secret}")
            uri = get_mfa_adapter().build_totp_url(admin, totp_secret)
            write(f"    otpauth URI:     {uri}")
            write(
                f"    current code:    {code}   (changes every {period} s; "
                f"this one for {period - now % period} s more)"
            )
        write(self.style.SUCCESS("=" * 72))
