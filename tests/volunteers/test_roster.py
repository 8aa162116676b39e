"""Organisers' roster: who may see it, what it shows, downloads, no-shows and the
message to the participants."""

import csv
import io
from datetime import timedelta

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from home.exceptions import ServiceError
from home.models import UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.volunteers.factories import VolunteerFactory, make_activity, sign_up
from volunteers.models import Shift, ShiftPlaces, Signup
from volunteers.services import roster as services

pytestmark = pytest.mark.django_db


def roster_url(activity, name="volunteers:roster"):
    return reverse(name, kwargs={"page_id": activity.pk})


@pytest.fixture
def shift(activity):
    return activity.shifts.get()


@pytest.fixture
def filled(shift, volunteer):
    """Two confirmed (陈志愿 first), one waitlisted, one cancelled."""
    second = VolunteerFactory(real_name="王第二", phone="+8613912345678")
    waiting = VolunteerFactory(real_name="李候补")
    gone = VolunteerFactory(real_name="赵取消")
    sign_up(shift, volunteer)
    sign_up(shift, second)
    sign_up(shift, waiting, Signup.Status.WAITLISTED)
    Signup.objects.create(
        shift=shift,
        volunteer=gone,
        status=Signup.Status.CANCELLED,
        cancelled_at=timezone.now(),
    )
    return {"second": second, "waiting": waiting, "gone": gone}


# Who may see it ---------------------------------------------------------------


def test_organiser_of_the_unit_sees_names_and_masked_phones(
    client, organiser, activity, filled, django_assert_max_num_queries
):
    client.force_login(organiser)
    client.get("/")  # the cached site shell warm, as after any first visit
    # (two of them record the access in the personal data access log)
    with django_assert_max_num_queries(18):
        response = client.get(roster_url(activity))
    assert response.status_code == 200
    text = response.content.decode()
    for name in ("陈志愿", "王第二", "李候补", "赵取消"):
        assert name in text
    assert "139****5678" in text
    assert "13912345678" not in text
    assert text.index("李候补") > text.index("王第二")


def test_roster_query_count_does_not_grow_with_signups(
    client, organiser, activity_index, organising_unit
):
    small = make_activity(activity_index, unit=organising_unit, shifts=((2, 3, 5),))
    large = make_activity(
        activity_index, unit=organising_unit, shifts=((2, 3, 30), (3, 3, 30))
    )
    sign_up(small.shifts.get(), VolunteerFactory())
    for shift in large.shifts.all():
        for _ in range(12):
            sign_up(shift, VolunteerFactory())
        for _ in range(3):
            sign_up(shift, VolunteerFactory(), Signup.Status.WAITLISTED)
    client.force_login(organiser)
    client.get(roster_url(small))  # warm the site root cache

    with CaptureQueriesContext(connection) as few:
        client.get(roster_url(small))
    with CaptureQueriesContext(connection) as many:
        response = client.get(roster_url(large))
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize(
    "who", ["editor_of_unit", "organiser_elsewhere", "volunteer", "resident"]
)
def test_others_are_refused(client, activity, filled, volunteer, who):
    if who == "editor_of_unit":
        user = UserFactory()
        UnitMembershipFactory(
            unit=activity.unit, user=user, role=UnitMembership.Role.EDITOR
        )
    elif who == "organiser_elsewhere":
        user = UserFactory()
        UnitMembershipFactory(
            unit=UnitFactory(), user=user, role=UnitMembership.Role.ORGANISER
        )
    elif who == "volunteer":
        user = volunteer.user
    else:
        user = UserFactory()
    client.force_login(user)
    signup = Signup.objects.filter(status=Signup.Status.CONFIRMED).first()
    for url in (
        roster_url(activity),
        roster_url(activity, "volunteers:roster_csv"),
        roster_url(activity, "volunteers:roster_xlsx"),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "陈志愿" not in response.content.decode(errors="ignore")
    response = client.post(
        roster_url(activity, "volunteers:roster_message"),
        {"subject": "通知", "body": "请准时到场"},
    )
    assert response.status_code == 403
    no_show = reverse(
        "volunteers:roster_no_show",
        kwargs={"page_id": activity.pk, "signup_id": signup.pk},
    )
    assert client.post(no_show).status_code == 403
    assert mail.outbox == []


def test_anonymous_is_sent_to_log_in(client, activity):
    response = client.get(roster_url(activity))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_staff_see_the_roster(client, activity, filled):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(roster_url(activity)).status_code == 200


# Downloads --------------------------------------------------------------------


def test_csv_export_has_bom_and_every_signup(client, organiser, activity, filled):
    client.force_login(organiser)
    response = client.get(roster_url(activity, "volunteers:roster_csv"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert len(rows) == 1 + 4
    names = [row[5] for row in rows[1:]]
    assert names == ["陈志愿", "王第二", "李候补", "赵取消"]
    waiting = rows[3]
    assert waiting[4] == "1"
    assert "139****5678" in content and "13912345678" not in content


def test_xlsx_export(client, organiser, activity, filled):
    client.force_login(organiser)
    response = client.get(roster_url(activity, "volunteers:roster_xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 5
    assert {row[5] for row in rows[1:]} == {"陈志愿", "王第二", "李候补", "赵取消"}
    starts_at = timezone.localtime(activity.shifts.get().starts_at)
    assert rows[1][0].strftime("%Y-%m-%d %H:%M") == starts_at.strftime("%Y-%m-%d %H:%M")


def test_export_neutralises_formulas(client, organiser, activity, shift):
    sign_up(shift, VolunteerFactory(real_name="=HYPERLINK(1)"))
    client.force_login(organiser)
    response = client.get(roster_url(activity, "volunteers:roster_csv"))
    content = b"".join(response.streaming_content).decode("utf-8")
    assert "'=HYPERLINK(1)" in content


# No-shows ---------------------------------------------------------------------


def test_no_show_is_refused_before_the_shift_starts(organiser, shift, volunteer):
    signup = sign_up(shift, volunteer)
    with pytest.raises(ServiceError):
        services.roster_mark_no_show(actor=organiser, signup=signup)
    signup.refresh_from_db()
    assert signup.status == Signup.Status.CONFIRMED


def test_no_show_after_start_releases_the_count(client, organiser, shift, volunteer):
    signup = sign_up(shift, volunteer)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    client.force_login(organiser)
    url = reverse(
        "volunteers:roster_no_show",
        kwargs={"page_id": shift.activity_id, "signup_id": signup.pk},
    )
    response = client.post(url)
    assert response.status_code == 302
    signup.refresh_from_db()
    shift.refresh_from_db()
    assert signup.status == Signup.Status.NO_SHOW
    assert shift.confirmed_count == 0
    # A second press changes nothing.
    client.post(url)
    shift.refresh_from_db()
    assert shift.confirmed_count == 0
    signup.shift = shift
    with pytest.raises(ServiceError):
        services.roster_mark_no_show(actor=organiser, signup=signup)


def test_no_show_button_only_once_started(client, organiser, activity, filled):
    client.force_login(organiser)
    assert "/no-show/" not in client.get(roster_url(activity)).content.decode()
    Shift.objects.filter(activity=activity).update(
        starts_at=timezone.now() - timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    assert "/no-show/" in client.get(roster_url(activity)).content.decode()


def test_undo_no_show_confirms_again_and_takes_the_place_back(
    client, organiser, shift, volunteer
):
    signup = sign_up(shift, volunteer)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    client.force_login(organiser)
    kwargs = {"page_id": shift.activity_id, "signup_id": signup.pk}
    client.post(reverse("volunteers:roster_no_show", kwargs=kwargs))
    response = client.post(reverse("volunteers:roster_undo_no_show", kwargs=kwargs))
    assert response.status_code == 302
    signup.refresh_from_db()
    shift.refresh_from_db()
    assert signup.status == Signup.Status.CONFIRMED
    assert shift.confirmed_count == 1
    # Undoing twice takes no second place.
    client.post(reverse("volunteers:roster_undo_no_show", kwargs=kwargs))
    shift.refresh_from_db()
    assert shift.confirmed_count == 1


def test_undo_no_show_refused_when_the_place_is_gone(organiser, shift, volunteer):
    signup = sign_up(shift, volunteer, status=Signup.Status.NO_SHOW)
    Shift.objects.filter(pk=shift.pk).update(
        capacity=1,
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    ShiftPlaces.objects.filter(pk=shift.pk).update(capacity=1, confirmed=1)
    shift.refresh_from_db()
    signup.shift = shift
    with pytest.raises(ServiceError):
        services.roster_undo_no_show(actor=organiser, signup=signup)
    signup.refresh_from_db()
    shift.refresh_from_db()
    assert signup.status == Signup.Status.NO_SHOW
    assert shift.confirmed_count == 1


def test_undo_no_show_is_for_the_organisers_only(client, shift, volunteer):
    signup = sign_up(shift, volunteer, status=Signup.Status.NO_SHOW)
    client.force_login(UserFactory())
    kwargs = {"page_id": shift.activity_id, "signup_id": signup.pk}
    response = client.post(reverse("volunteers:roster_undo_no_show", kwargs=kwargs))
    assert response.status_code == 403
    signup.refresh_from_db()
    assert signup.status == Signup.Status.NO_SHOW


# Messages ---------------------------------------------------------------------


def test_message_sends_one_email_per_confirmed_participant(
    client,
    organiser,
    activity_index,
    organising_unit,
    volunteer,
    django_capture_on_commit_callbacks,
):
    activity = make_activity(
        activity_index, unit=organising_unit, shifts=((2, 3, 5), (3, 3, 5))
    )
    first, second = activity.shifts.order_by("starts_at")
    other = VolunteerFactory(real_name="王第二")
    sign_up(first, volunteer)
    sign_up(second, volunteer)  # two shifts, one email
    sign_up(first, other)
    sign_up(second, VolunteerFactory(real_name="李候补"), Signup.Status.WAITLISTED)
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            roster_url(activity, "volunteers:roster_message"),
            {"subject": "集合地点变更", "body": "请改到北门集合，谢谢！"},
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [volunteer.user.email, other.user.email]
    )
    message = mail.outbox[0]
    assert "集合地点变更" in message.subject
    assert "请改到北门集合" in message.body
    assert len(message.to) == 1


def test_message_to_one_shift(
    organiser,
    activity_index,
    organising_unit,
    volunteer,
    django_capture_on_commit_callbacks,
):
    activity = make_activity(
        activity_index, unit=organising_unit, shifts=((2, 3, 5), (3, 3, 5))
    )
    first, second = activity.shifts.order_by("starts_at")
    sign_up(first, volunteer)
    sign_up(second, VolunteerFactory())
    with django_capture_on_commit_callbacks(execute=True):
        count = services.roster_message(
            actor=organiser, activity=activity, subject="提醒", body="带水", shift=first
        )
    assert count == 1
    assert [m.to for m in mail.outbox] == [[volunteer.user.email]]


def test_empty_message_is_refused(client, organiser, activity, filled):
    client.force_login(organiser)
    response = client.post(
        roster_url(activity, "volunteers:roster_message"), {"subject": "", "body": ""}
    )
    assert response.status_code == 400
    assert mail.outbox == []


def test_an_organiser_does_not_mark_their_own_attendance(
    client, organiser, shift, volunteer
):
    """Nobody decides on their own case: an organiser who signed up for the
    shift sees no button on their own row and is refused if they post."""
    own = VolunteerFactory(user=organiser)
    signup = sign_up(shift, own)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    client.force_login(organiser)
    kwargs = {"page_id": shift.activity_id, "signup_id": signup.pk}
    page = client.get(roster_url(shift.activity)).content.decode()
    assert reverse("volunteers:roster_no_show", kwargs=kwargs) not in page
    response = client.post(reverse("volunteers:roster_no_show", kwargs=kwargs))
    assert response.status_code == 403
    signup.refresh_from_db()
    assert signup.status == Signup.Status.CONFIRMED
    Signup.objects.filter(pk=signup.pk).update(status=Signup.Status.NO_SHOW)
    response = client.post(reverse("volunteers:roster_undo_no_show", kwargs=kwargs))
    assert response.status_code == 403
    signup.refresh_from_db()
    assert signup.status == Signup.Status.NO_SHOW
