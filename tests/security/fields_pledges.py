"""The pledges' and facilities' free-text fields under hostile input (see
tests/security/fields.py): the progress report a unit's admin writes on the
pledge page's ``report/`` route, the unit's facility form, and the unit's
decisions on booking requests (emailed to the resident)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from home.models import Facility, FacilityBooking, PledgeEvidence, PledgeReport
from tests.security import world as worlds
from tests.security.people import anonymous, as_user, new_resident

# Pledge progress reports ---------------------------------------------------------


def prepare_pledge_report(world):
    worlds.add_pledge(world)
    world.expected = {}


def _report_data(world, number):
    data = {
        "title": f"第{number}次进展报告",
        "summary": "按计划推进。",
        "publish": "on",
    }
    for item in world.pledge.items.all():
        data[f"item_{item.pk}_percent"] = "50"
        data[f"item_{item.pk}_achieved"] = "已完成一半"
        data[f"item_{item.pk}_narrative"] = f"{item.title}：进展顺利。"
    return data


def submit_pledge_report(*which):
    """Each name in ``which`` is a part of the report form that gets the
    payload: ``title``, ``summary``, ``achieved`` or ``narrative`` (of the
    first commitment), ``caption`` or ``url`` (of a piece of evidence, a link).
    Parts with the same limits are filled in together (one report each)."""

    def submit(world, payload, number):
        data = _report_data(world, number)
        item = world.pledge_item
        if {"caption", "url"} & set(which):
            data["evidence_0_item"] = str(item.pk)
            data["evidence_0_caption"] = "新闻报道"
            data["evidence_0_url"] = "https://example.cn/news/1"
        for part in which:
            if part in ("achieved", "narrative"):
                data[f"item_{item.pk}_{part}"] = payload.text
            elif part in ("caption", "url"):
                data[f"evidence_0_{part}"] = payload.text
            else:
                data[part] = payload.text
        before = PledgeReport.objects.count(), PledgeEvidence.objects.count()
        response = as_user(world, world.unit_admin).post(
            world.pledge.url + world.pledge.reverse_subpage("report"), data
        )
        after = PledgeReport.objects.count(), PledgeEvidence.objects.count()
        if "url" in which:
            return response, after[1] > before[1]
        return response, after[0] > before[0]

    return submit


def pledge_report_pages(world):
    return [
        ("pledge page", anonymous(), world.pledge.url),
        (
            "pledge page (unit admin)",
            as_user(world, world.unit_admin),
            world.pledge.url,
        ),
    ]


def pledge_report_files(world):
    """The printable letter (it holds the commitments, not the reports): it
    still opens with the reports stored."""
    url = world.pledge.url + world.pledge.reverse_subpage("pdf")
    world.expected[url] = world.pledge.title
    return [("pledge letter PDF", "pdf", anonymous(), url)]


# The unit's facility form ----------------------------------------------------------


def prepare_facility_form(world):
    from home.models import District

    world.district = District.objects.get(code="520102").pk
    world.recent = []


def submit_facility_form(*which):
    """A new facility each time (its page shows one), with the payload in each
    part named in ``which``."""
    from tests.home.factories import facility_post

    def submit(world, payload, number):
        text = dict.fromkeys(which, payload.text)
        before = Facility.objects.count()
        response = as_user(world, world.unit_admin).post(
            reverse("home:unit_facility_create", args=[world.unit.slug]),
            facility_post(
                **{"name": f"活动中心{number}", "district": world.district, **text}
            ),
        )
        stored = Facility.objects.count() > before
        if stored:
            world.recent.append(Facility.objects.latest("pk"))
        return response, stored and bool(payload.text.strip())

    return submit


def facility_form_pages(world):
    recent, world.recent = world.recent, []
    return [
        *(
            (
                "facility page",
                anonymous(),
                reverse("home:facility_detail", kwargs={"pk": facility.pk}),
            )
            for facility in recent
        ),
        ("facility list", anonymous(), reverse("home:facility_list")),
        (
            "unit's facilities",
            as_user(world, world.unit_admin),
            reverse("home:unit_facilities", args=[world.unit.slug]),
        ),
    ]


# The unit's decisions on booking requests ------------------------------------------


def prepare_booking_decisions(world):
    worlds.add_facility(world)
    world.bookings = []


def submit_booking_decision(decision, field):
    def submit(world, payload, number):
        from tests.home.factories import local

        day = timezone.localdate() + timedelta(days=1 + number // 6)
        starts_at = local(day, (9, 10, 11, 14, 15, 16)[number % 6])
        new_resident(world, number)
        booking = FacilityBooking.objects.create(
            facility=world.facility,
            user=world.last_user,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
            people=2,
            purpose="社区议事会",
        )
        world.bookings.append(booking)
        response = as_user(world, world.unit_admin).post(
            reverse(
                f"home:unit_booking_{decision}",
                kwargs={"slug": world.unit.slug, "pk": booking.pk},
            ),
            {field: payload.text},
        )
        booking.refresh_from_db()
        return response, bool(booking.decision_reason)

    return submit


def booking_decision_pages(status):
    def pages(world):
        from home.facilities.manage_views import BOOKINGS_PER_PAGE

        url = reverse("home:unit_bookings", args=[world.unit.slug])
        admin = as_user(world, world.unit_admin)
        if status == "declined":  # most recent first
            numbers = [1]
        else:  # soonest first: the newest are on the last pages
            last = max(1, -(-len(world.bookings) // BOOKINGS_PER_PAGE))
            numbers = sorted({max(1, last - 1), last})
        return [
            *(
                (
                    f"unit's {status} bookings, page {n}",
                    admin,
                    f"{url}?status={status}&page={n}",
                )
                for n in numbers
            ),
            (
                "own participation page",
                as_user(world, world.last_user),
                reverse("home:participation"),
            ),
        ]

    return pages
