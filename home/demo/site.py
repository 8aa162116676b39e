"""The demo site's core (run first by ``manage.py seed_demo``): districts, units,
people with their logins, the home and standard pages, and the site settings.

Idempotent: every row is found by a natural key (email, credit code, page slug)
and written only when it differs from the demo content, so a second run changes
nothing. The content is in data/units.json, accounts.json, names.json, pages.json.
"""

import importlib
import time
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import CommandError

from wagtail.models import Locale, Site

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from home import demo
from home.demo.logins import other_privileged_logins
from home.demo.seeding import DemoLoader, read_data, seeded
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
from home.pledges.services import PLEDGE_REVIEWERS_GROUP
from home.validators import credit_code_check_character, validate_credit_code

# The districts are reference data created by a migration; reuse its list.
DISTRICTS = importlib.import_module(
    "home.migrations.0003_reference_data_and_homepage"
).DISTRICTS

# GB 32100-2015, characters 1-2: registration authority and kind of organisation.
# 1x = 机构编制 (11 机关, 12 事业单位), 5x = 民政 (51 社会团体, 52 民办非企业单位,
# 53 基金会, 59 其他 — used here for residents' committees), 91 = 工商 · 企业.
# Street offices are agencies of the district government, hence 11.
CREDIT_CODE_PREFIX = {
    Unit.Kind.GOVERNMENT: "11",
    Unit.Kind.INSTITUTION: "12",
    Unit.Kind.STATE_ENTERPRISE: "91",
    Unit.Kind.PRIVATE_ENTERPRISE: "91",
    Unit.Kind.SOCIAL_ORGANISATION: "51",
    Unit.Kind.RESIDENTS_COMMITTEE: "59",
    Unit.Kind.STREET_OFFICE: "11",
}
# A social organisation's kind shows in the end of its name.
SOCIAL_ORGANISATION_PREFIX = {"中心": "52", "基金会": "53"}
# Characters 3-8: where the unit is registered, when not in its own district.
REGISTRY_REGION = {"province": "520000", "city": "520100"}


class DemoUnit(NamedTuple):
    name: str
    district: str
    address: str
    description: str
    # Where the unit is registered (positions 3-8 of its credit code): "province"
    # (520000), "city" (520100) or, by default, its own district.
    level: str = "district"


def random_for(key: str):
    return seeded("canyu-demo", key)


def organisation_code(rng) -> str:
    """Nine characters: eight digits and their GB 11714 check character."""
    digits = [rng.randrange(10) for _ in range(8)]
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(d * w for d, w in zip(digits, weights, strict=True))
    check = 11 - total % 11
    return "".join(map(str, digits)) + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(kind: str, unit: DemoUnit, district_code: str) -> str:
    prefix = CREDIT_CODE_PREFIX[kind]
    if kind == Unit.Kind.SOCIAL_ORGANISATION:  # its kind shows in its name's end
        ends = SOCIAL_ORGANISATION_PREFIX
        prefix = next((ends[e] for e in ends if unit.name.endswith(e)), prefix)
    region = REGISTRY_REGION.get(unit.level, district_code)
    first_17 = prefix + region + organisation_code(random_for(f"credit:{unit.name}"))
    code = first_17 + credit_code_check_character(first_17)
    validate_credit_code(code)  # raises if the demo data could not be genuine
    return code


def mobile_number(rng) -> str:
    prefix = rng.choice(demo.MOBILE_PREFIXES)
    return normalise_phone(f"{prefix}{rng.randrange(10**8):08d}")


def landline_number(rng) -> str:
    return normalise_phone(f"0851-8{rng.choice('4568')}{rng.randrange(10**6):06d}")


def stream_state(value) -> list:
    """A StreamField's content without block ids, with defaults filled in, so
    that freshly built content compares equal to the same content once saved."""
    block = value.stream_block
    normalised = block.to_python(block.get_prep_value(value))
    return [(c.block_type, c.block.get_prep_value(c.value)) for c in normalised]


class SiteDemo(DemoLoader):
    """Districts, units, people, pages and the site; ``report`` prints the logins."""

    stats_width = 16

    def run(self) -> None:
        self.password_hash = None
        self.content = read_data(demo.__file__, "pages")
        districts = self.seed_districts()
        units = self.seed_units(districts)
        self.logins = self.seed_people(units)
        # Every demo login above holds a privileged power (staff, moderator, a
        # role in a unit), which works only with two-factor: each gets the demo
        # authenticator; residents do not.
        self.totp_secrets = {
            user.pk: self.seed_totp(user) for user, _role in self.logins
        }
        self.totp_secret = self.totp_secrets[self.logins[0][0].pk]
        home = self.seed_pages()
        self.seed_site(home)

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
        for kind, rows in read_data(demo.__file__, "units").items():
            slug_prefix = kind.replace("_", "-")
            specs = [DemoUnit(**row) for row in rows]
            for number, unit in enumerate(specs, start=1):
                district = districts[unit.district]
                rng = random_for(f"unit:{unit.name}")
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
                        "contact_name": demo.chinese_name(rng),
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
        # A demo mobile number counts as verified by SMS code: residents comment,
        # rate and report under the real-name rule (home.permissions).
        if self.password_hash is None:
            # One hash for all: hashing ~50 passwords would take most of a minute.
            self.password_hash = make_password(demo.DEMO_PASSWORD)
        values = {
            "display_name": display_name,
            "phone": phone,
            "phone_verified": bool(phone),
            "is_active": True,
        }
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
        accounts = read_data(demo.__file__, "accounts")
        domain = demo.DEMO_EMAIL_DOMAIN
        admin = self.seed_user(f"admin@{domain}", accounts["admin"], staff=True)
        moderator = self.seed_user(f"moderator@{domain}", accounts["moderator"])
        # The group comes from the consultations app's migration; asked for by name.
        moderators = Group.objects.filter(name="Moderators").first()
        if moderators is not None:
            moderator.groups.add(moderators)
        logins = [(admin, "superuser, staff (two-factor)"), (moderator, "moderator")]
        # Pledges are published only once a member of this group approves them in
        # the review workflow (the group comes with it, after every migrate).
        reviewer = self.seed_user(
            f"pledge.reviewer@{domain}", accounts["pledge_reviewer"]
        )
        reviewers = Group.objects.filter(name=PLEDGE_REVIEWERS_GROUP).first()
        if reviewers is not None:
            reviewer.groups.add(reviewers)
        logins.append((reviewer, "pledge reviewer"))
        # Members' emails are "<prefix>.<role>@demo.canyu.cn".
        for team in accounts["unit_teams"]:
            unit_name, prefix = team["unit"], team["email_prefix"]
            unit = units[unit_name]
            for role, display_name in team["members"].items():
                role = UnitMembership.Role(role)
                user = self.seed_user(f"{prefix}.{role}@{domain}", display_name)
                membership = {"unit": unit, "user": user, "role": role}
                self.upsert(UnitMembership, membership, {})
                logins.append((user, f"{unit_name} · {role}"))
        for number, email in enumerate(demo.resident_emails(), start=1):
            phone = mobile_number(random_for(email))
            self.seed_user(email, demo.RESIDENT_NAMES[number - 1], phone=phone)
        return logins

    def seed_totp(self, user):
        """Give ``user`` the demo TOTP authenticator unless they have one. Returns
        the secret to print, or None when they enrolled a device of their own."""
        totp = Authenticator.Type.TOTP
        existing = Authenticator.objects.filter(user=user, type=totp).first()
        if existing is None:
            TOTP.activate(user, demo.DEMO_TOTP_SECRET)
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
        # The Chinese home page (the site's root); its English translation is
        # home/demo/translations.py's.
        home = HomePage.objects.filter(locale=Locale.get_default()).first()
        if home is None:
            raise CommandError("No home page: run `manage.py migrate` first.")
        content = self.content
        pages = {}
        for spec in content["standard_pages"]:
            slug = spec["slug"]
            page = StandardPage.objects.child_of(home).filter(slug=slug).first()
            values = {
                "title": spec["title"],
                "show_in_menus": spec.get("show_in_menus", True),
                # (block type, value): "heading" or "text" (HTML).
                "body": [tuple(block) for block in spec["body"]],
                "search_description": spec["search_description"],
            }
            if page is None:
                page = self.sync_page(StandardPage(slug=slug), values, parent=home)
            else:
                page = self.sync_page(page, values)
            pages[slug] = page

        home = HomePage.objects.get(pk=home.pk)  # fresh tree fields after add_child
        # Sections (consultations, pledges, activities …) get a listing once their
        # index pages exist.
        listings = [
            ("listing", {"heading": child.title, "index_page": child, "count": 3})
            for child in home.get_children().live().specific()
            if type(child).__name__.endswith("IndexPage")
        ]
        spec = content["home"]
        guide = pages["guide"]
        body = [
            ("hero", {**spec["hero"], "link_page": pages["about"]}),
            ("heading", spec["mechanisms_heading"]),
            ("text", spec["mechanisms"]),
            *listings,
            ("call_to_action", {**spec["call_to_action"], "link_page": guide}),
        ]
        values = {"title": spec["title"], "search_description": spec["hero"]["text"]}
        return self.sync_page(home, {**values, "show_in_menus": False, "body": body})

    def seed_site(self, home):
        content = self.content["site"]
        url = urlsplit(settings.CANYU_BASE_URL)
        port = url.port or (443 if url.scheme == "https" else 80)
        values = {"hostname": url.hostname, "port": port, "site_name": content["name"]}
        values["root_page_id"] = home.pk
        site = self.upsert(Site, {"is_default_site": True}, values)
        self.upsert(SiteSettings, {"site": site}, content["settings"])

    def report(self):
        """The counts, then the logins (and the admin's current two-factor code)."""
        self.write_stats()
        write = self.stdout.write
        logins = self.logins
        base_url = settings.CANYU_BASE_URL
        last = len(demo.RESIDENT_NAMES)
        residents = f"resident01 … resident{last:02d}@{demo.DEMO_EMAIL_DOMAIN}"
        others = list(other_privileged_logins(logins))
        emails = [user.email for user, _ in [*logins, *others]]
        width = max(len(residents), *(len(email) for email in emails)) + 2
        write("")
        write(self.style.SUCCESS("=" * 72))
        write(self.style.SUCCESS("  参与 Canyu demo site is ready"))
        write(self.style.SUCCESS("=" * 72))
        write(f"  Site:     {base_url}/")
        write(f"  Admin:    {base_url}/admin/   (password + two-factor code)")
        write(f"  Password: {demo.DEMO_PASSWORD}   (the same for every demo login)")
        write("  [2FA]: the login asks for the demo two-factor code below")
        write("         (staff, the moderator, the pledge reviewer and every unit")
        write("         role: privileged).")
        write("")
        for user, role in logins:
            mark = "[2FA]" if self.totp_secrets.get(user.pk) else "[own 2FA]"
            write(f"  {user.email:<{width}}{user.display_name}  —  {role}  {mark}")
        for user, role in others:
            write(f"  {user.email:<{width}}{user.display_name}  —  {role}  [2FA]")
        write(f"  {residents:<{width}}居民  —  residents (no code)")
        write("")
        admin = logins[0][0]
        secret = self.totp_secret or next(
            (secret for secret in self.totp_secrets.values() if secret), None
        )
        if secret is None:
            write("  Every [own 2FA] login uses the code of its own device.")
            write(self.style.SUCCESS("=" * 72))
            return
        period = mfa_settings.TOTP_PERIOD
        now = int(time.time())
        code = format_hotp_value(hotp_value(secret, now // period))
        write("  Two-factor (TOTP) of every [2FA] login:")
        write(f"    secret (base32): {secret}")
        uri = get_mfa_adapter().build_totp_url(admin, secret)
        write(f"    otpauth URI:     {uri}")
        write(
            f"    current code:    {code}   (changes every {period} s; "
            f"this one for {period - now % period} s more)"
        )
        write(self.style.SUCCESS("=" * 72))
