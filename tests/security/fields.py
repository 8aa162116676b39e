"""Every free-text field of the public forms, as the role that fills it in: how to
submit one payload, and which pages and files show what was stored.

A ``Field`` knows how to ``prepare`` the world it needs, ``submit`` one payload
(returning the response and whether something was stored), the ``pages`` that
show the newest ``chunk`` submissions, and the ``files`` (downloads) that show
all of them at the end. Emails sent on the way are checked by the runner."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from home.models import District
from tests.security import world as worlds
from tests.security.field import Field
from tests.security.fields_consultations import (
    answer_pages,
    comment_exports,
    consultation_pages,
    display_name_pages,
    pledge_pages,
    prepare_display_name,
    prepare_rating,
    prepare_replies,
    rating_exports,
    rating_pages,
    submit_comment,
    submit_display_name,
    submit_pledge_feedback,
    submit_rating,
    submit_reply,
    submit_survey,
    survey_pages,
)
from tests.security.fields_more import MORE_FIELDS
from tests.security.people import anonymous, as_user, new_resident
from tests.volunteers.factories import service_record
from volunteers.models import ServiceRecordCorrection, Volunteer

# Volunteers -----------------------------------------------------------------------


def _registration_data(world, number, **overrides):
    data = {
        "real_name": "王小明",
        "phone": f"1390000{number:04d}",
        "id_number": "",
        "gender": "male",
        "birth_year": "1990",
        "district": District.objects.get(code="520102").pk,
        "community": "花果园社区",
        "categories": ["resident"],
        "skills": "急救",
        "availability": "周末",
        "team": world.team.pk,
        "code_of_conduct": "on",
        "sensitive_data_consent": "on",
    }
    data.update(overrides)
    return data


def submit_registration(which):
    def submit(world, payload, number):
        client = new_resident(world, number)
        response = client.post(
            reverse("volunteers:register"),
            _registration_data(world, number, **{which: payload.text}),
        )
        stored = Volunteer.objects.filter(user=world.last_user).first()
        if stored is not None:
            world.registered.append(stored)
        return response, stored is not None

    return submit


def prepare_registration(world):
    worlds.add_activity(world)
    world.registered = []
    world.expected = {}


def registration_pages(world):
    staff = as_user(world, world.staff)
    pages = [
        ("review list", staff, reverse("volunteers:review_list")),
        (
            "team requests",
            as_user(world, world.leader.user),
            reverse("volunteers:team_requests", args=[world.team.slug]),
        ),
    ]
    pages += [
        ("review page", staff, reverse("volunteers:review_detail", args=[v.pk]))
        for v in world.registered[-3:]
    ]
    return pages


def registration_exports(world):
    """Approve everyone registered and give them a place: the roster exports
    list them."""
    from tests.volunteers.factories import sign_up

    for number, volunteer in enumerate(world.registered):
        Volunteer.objects.filter(pk=volunteer.pk).update(
            status=Volunteer.Status.ACTIVE, green_ribbon_number=f"GYHOSTILE{number:04d}"
        )
        sign_up(world.shift, volunteer)
    organiser = as_user(world, world.organiser)
    return [
        ("roster page", "html", organiser, roster_url(world)),
        ("roster CSV", "csv", organiser, roster_url(world, "roster_csv")),
        ("roster XLSX", "xlsx", organiser, roster_url(world, "roster_xlsx")),
        *certificates(world),
    ]


def certificates(world):
    """A certificate for each registered volunteer: the PDF prints the name."""
    from tests.volunteers.factories import add_shifts
    from volunteers.services.certificates import (
        certificate_render,
        certificate_request,
    )

    [past] = add_shifts(world.activity, 1, hours=2)
    files = []
    today = timezone.localdate()
    for volunteer in Volunteer.objects.filter(pk__in=[v.pk for v in world.registered]):
        service_record(volunteer, past, minutes=120)
        certificate = certificate_request(
            volunteer=volunteer, date_from=today - timedelta(days=30), date_to=today
        )
        certificate_render(certificate_id=certificate.pk)
        url = reverse("volunteers:certificate_download", args=[certificate.pk])
        where = f"certificate of {volunteer.real_name[:20]!r}"
        files.append((where, "pdf", world.people.client_for(volunteer.user), url))
        world.expected[url] = volunteer.real_name
    return files


def roster_url(world, name="roster"):
    return reverse(f"volunteers:{name}", kwargs={"page_id": world.activity.pk})


def prepare_roster(world):
    worlds.add_activity(world)
    worlds.add_participants(world, 2)


def submit_roster(which):
    def submit(world, payload, number):
        text = {"subject": "集合地点变更", "body": "请改到北门集合。"}
        text[which] = payload.text
        response = as_user(world, world.organiser).post(
            roster_url(world, "roster_message"), text
        )
        return response, response.status_code == 302

    return submit


def prepare_corrections(world):
    worlds.add_activity(world)
    worlds.add_past_records(world, 80)


def submit_correction(world, payload, number):
    record = world.records[number]
    # The form takes whole minutes: start a minute in, within the shift.
    start = timezone.localtime(record.started_at) + timedelta(minutes=1)
    before = ServiceRecordCorrection.objects.count()
    response = as_user(world, world.volunteer.user).post(
        reverse("volunteers:my_service_record", args=[record.pk]),
        {
            "started_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ended_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "reason": payload.text,
        },
    )
    world.last_record = record
    return response, ServiceRecordCorrection.objects.count() > before


def correction_pages(world):
    return [
        (
            "pending approvals",
            as_user(world, world.organiser),
            reverse("volunteers:pending_approvals"),
        ),
        (
            "own record",
            as_user(world, world.volunteer.user),
            reverse("volunteers:my_service_record", args=[world.last_record.pk]),
        ),
    ]


def prepare_booking(world):
    worlds.add_facility(world)
    world.bookings = []
    world.expected = {}


BOOKING_HOURS = (9, 10, 11, 14, 15, 16)


def submit_booking(world, payload, number):
    from home.models import FacilityBooking
    from tests.home.factories import local

    day = timezone.localdate() + timedelta(days=1 + number // len(BOOKING_HOURS))
    starts_at = local(day, BOOKING_HOURS[number % len(BOOKING_HOURS)])
    client = new_resident(world, number)
    response = client.post(
        reverse("home:facility_detail", kwargs={"pk": world.facility.pk}),
        {"slot": starts_at.isoformat(), "people": 2, "purpose": payload.text},
    )
    booking = FacilityBooking.objects.filter(user=world.last_user).first()
    if booking is not None:
        world.bookings.append((client, booking))
    return response, booking is not None


def booking_pages(world):
    """The unit's list (soonest first, paginated: its last two pages hold the
    newest submissions) and the resident's own page."""
    from home.facilities.manage_views import BOOKINGS_PER_PAGE

    url = reverse("home:unit_bookings", args=[world.unit.slug])
    last = max(1, -(-len(world.bookings) // BOOKINGS_PER_PAGE))
    admin = as_user(world, world.unit_admin)
    return [
        *(
            (f"unit's bookings, page {number}", admin, f"{url}?page={number}")
            for number in sorted({max(1, last - 1), last})
        ),
        (
            "own participation page",
            as_user(world, world.last_user),
            reverse("home:participation"),
        ),
    ]


def booking_files(world):
    files = []
    for client, booking in world.bookings:
        url = reverse("home:facility_booking_ics", kwargs={"pk": booking.pk})
        files.append((f"booking {booking.pk} iCalendar", "ics", client, url))
        world.expected[url] = booking.purpose
    return files


# Search boxes (reflected, nothing stored) ---------------------------------------------


def search_box(path, parameter):
    def submit(world, payload, number):
        response = anonymous().get(path(world), {parameter: payload.text})
        return response, False

    return submit


FIELDS = [
    Field(
        "consultation comment",
        lambda world: worlds.add_consultation(world),
        submit_comment,
        consultation_pages,
        comment_exports,
    ),
    Field(
        "reply text",
        prepare_replies,
        submit_reply("body"),
        answer_pages,
        comment_exports,
    ),
    Field(
        "reply reason",
        prepare_replies,
        submit_reply("reason"),
        answer_pages,
        comment_exports,
    ),
    Field(
        "display name",
        prepare_display_name,
        submit_display_name,
        display_name_pages,
        chunk=1,
    ),
    Field(
        "survey answer",
        lambda world: worlds.add_consultation(world),
        submit_survey,
        survey_pages,
        chunk=1,
    ),
    Field(
        "unit rating comment",
        prepare_rating,
        submit_rating,
        rating_pages,
        rating_exports,
    ),
    Field(
        "pledge 'not being kept' report",
        worlds.add_pledge,
        submit_pledge_feedback,
        pledge_pages,
    ),
    *(
        Field(
            f"volunteer registration: {which}",
            prepare_registration,
            submit_registration(which),
            registration_pages,
            # The roster lists names only.
            registration_exports if which == "real_name" else lambda world: [],
            chunk=3,
        )
        for which in ("real_name", "community", "skills", "availability")
    ),
    Field(
        "roster message subject", prepare_roster, submit_roster("subject"), shown=False
    ),
    Field("roster message body", prepare_roster, submit_roster("body"), shown=False),
    Field(
        "service-record correction reason",
        prepare_corrections,
        submit_correction,
        correction_pages,
        chunk=1,
    ),
    Field(
        "facility booking purpose",
        prepare_booking,
        submit_booking,
        booking_pages,
        booking_files,
    ),
    Field(
        "site search",
        lambda world: None,
        search_box(lambda w: "/search/", "q"),
        shown=False,
    ),
    Field(
        "unit directory search",
        lambda world: None,
        search_box(lambda w: reverse("home:unit_list"), "q"),
        shown=False,
    ),
]

# Decisions, notes, reports and saved replies (tests/security/fields_more.py).
FIELDS += MORE_FIELDS
