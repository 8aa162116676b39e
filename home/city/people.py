"""The city's residents, units and their pledges (home's part of ``seed_city``).
Rows are numbered after what the database holds, so a second run adds another
batch."""

import datetime
import random

from django.utils import timezone

from home.city.base import Progress, scaled
from home.city.pages import add_live_pages
from home.models import (
    District,
    PledgeIndexPage,
    PledgeItem,
    PledgePage,
    Unit,
    UnitPledgesPage,
    User,
)
from home.pledges.services import pledge_index_ensure
from home.validators import CREDIT_CODE_ALPHABET, credit_code_check_character

BATCH = 5_000
# The city's people are marked by their address book domain.
RESIDENT_EMAIL = "resident{n}@city.example.cn"
CATEGORIES = ["employees", "safety", "environment", "community", "volunteering"]


def credit_code(sequence: int) -> str:
    body, organisation = "91520102", ""
    for _position in range(9):
        organisation = CREDIT_CODE_ALPHABET[sequence % 31] + organisation
        sequence //= 31
    first_17 = body + organisation
    return first_17 + credit_code_check_character(first_17)


def seed_residents(scale: float, stdout) -> list[int]:
    """Residents with a verified mobile number (they may comment); their ids."""
    count = scaled("residents", scale)
    first = User.objects.filter(email__endswith="@city.example.cn").count()
    progress = Progress(stdout, "residents", count)
    now = timezone.now()
    ids = []
    for start in range(first, first + count, BATCH):
        users = [
            User(
                email=RESIDENT_EMAIL.format(n=n),
                display_name=f"市民{n}",
                phone=f"+86137{n:08d}",
                phone_verified=True,
                password="!",  # noqa: S106  an unusable password
                date_joined=now,
            )
            for n in range(start, min(start + BATCH, first + count))
        ]
        ids += [user.pk for user in User.objects.bulk_create(users)]
        progress.advance(len(users))
    progress.finish()
    return ids


def seed_units(scale: float, stdout) -> list[Unit]:
    """Units of the city, each with this year's pledge in its own folder."""
    count = scaled("units", scale)
    first = Unit.objects.filter(slug__startswith="city-unit-").count()
    districts = list(District.objects.order_by("pk"))
    units = Unit.objects.bulk_create(
        Unit(
            name=f"城市压测单位{n:05d}",
            slug=f"city-unit-{n}",
            kind=Unit.Kind.GOVERNMENT,
            district=districts[n % len(districts)],
            credit_code=credit_code(900_000 + n),
            is_verified=True,
            description="城市规模压测数据。",
        )
        for n in range(first, first + count)
    )
    seed_pledges(units, stdout)
    return units


def seed_pledges(units: list[Unit], stdout) -> None:
    index = PledgeIndexPage.objects.order_by("path").first() or pledge_index_ensure()
    year = timezone.localdate().year
    rng = random.Random(f"city-pledges-{len(units)}")  # noqa: S311
    progress = Progress(stdout, "units and pledges", len(units))
    # A directory made just now gave every unit its folder already.
    folders = {
        folder.unit_id: folder
        for folder in UnitPledgesPage.objects.filter(unit__in=units)
    }
    fresh = [
        UnitPledgesPage(title=unit.name, slug=unit.slug, unit=unit)
        for unit in units
        if unit.pk not in folders
    ]
    for folder in add_live_pages(index, fresh):
        folders[folder.unit_id] = folder
    items = []
    for unit in units:
        (page,) = add_live_pages(
            folders[unit.pk],
            [
                PledgePage(
                    title=f"{unit.name}{year}年度社会责任承诺书",
                    slug=f"pledge-{year}",
                    unit=unit,
                    year=year,
                    preamble="<p>本单位郑重承诺，认真履行社会责任。</p>",
                    signatory="负责人",
                    signed_on=datetime.date(year, 1, 10),
                    report_deadline=datetime.date(year + 1, 1, 31),
                )
            ],
        )
        items += [
            PledgeItem(
                page_id=page.pk,
                category=category,
                title=f"{category}承诺",
                target="全年完成",
                due_date=datetime.date(year, 12, 30),
                sort_order=position,
            )
            for position, category in enumerate(rng.sample(CATEGORIES, 3))
        ]
        progress.advance()
    PledgeItem.objects.bulk_create(items, batch_size=5_000)
    progress.finish()
