"""Sign-up, waitlist and cancellation (volunteers/services/signups.py) through the
services and over HTTP."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse, translate_url
from django.utils import timezone, translation

import pytest

from home.exceptions import ServiceError
from tests.volunteers.factories import VolunteerFactory, make_activity, route_url
from volunteers.models import Shift, ShiftPlaces, Signup, Volunteer
from volunteers.selectors.signups import my_signups, waitlist_position
from volunteers.services.signups import signup_cancel, signup_create

pytestmark = pytest.mark.django_db


def _shift(activity) -> Shift:
    return activity.shifts.get()


def test_signup_over_http_gives_a_place(client, activity, volunteer):
    client.force_login(volunteer.user)
    shift = _shift(activity)
    response = client.post(route_url(activity, "shift_signup", shift.pk))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#shift-{shift.pk}")
    signup = Signup.objects.get(volunteer=volunteer)
    assert signup.status == Signup.Status.CONFIRMED
    shift.refresh_from_db()
    assert shift.confirmed_count == 1
    page = client.get(response["Location"])
    assert route_url(activity, "signup_cancel", signup.pk) in page.content.decode()


def test_signup_page_shows_my_status_and_cancel_button(client, activity, volunteer):
    shift = _shift(activity)
    signup = signup_create(volunteer=volunteer, shift=shift)
    client.force_login(volunteer.user)
    response = client.get(activity.url, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert route_url(activity, "signup_cancel", signup.pk) in html
    assert route_url(activity, "shift_signup", shift.pk) not in html


def test_signup_when_full_goes_to_waitlist_in_order(activity_index, organising_unit):
    activity = make_activity(activity_index, unit=organising_unit, shifts=((2, 3, 2),))
    shift = _shift(activity)
    volunteers = VolunteerFactory.create_batch(5)
    signups = [signup_create(volunteer=v, shift=shift) for v in volunteers]
    assert [s.status for s in signups] == ["confirmed"] * 2 + ["waitlisted"] * 3
    assert [waitlist_position(s) for s in signups[2:]] == [1, 2, 3]
    shift.refresh_from_db()
    assert shift.confirmed_count == 2
    mine = my_signups(volunteer=volunteers[3])
    assert mine["waitlisted"][0].waitlist_position == 2
    assert mine["upcoming"] == []


def test_waitlisted_volunteer_sees_position_over_http(
    client, activity_index, organising_unit
):
    activity = make_activity(activity_index, unit=organising_unit, shifts=((2, 3, 1),))
    shift = _shift(activity)
    signup_create(volunteer=VolunteerFactory(), shift=shift)
    waiting = VolunteerFactory()
    client.force_login(waiting.user)
    page = client.get(activity.url)
    assert route_url(activity, "shift_signup", shift.pk) in page.content.decode()
    client.post(route_url(activity, "shift_signup", shift.pk))
    assert Signup.objects.get(volunteer=waiting).status == Signup.Status.WAITLISTED
    english_url = translate_url(activity.url, "en")
    with translation.override("en"):
        page = client.get(english_url)
    assert "You are number 1 on the waitlist." in page.content.decode()


def test_cancel_promotes_first_waitlisted_and_emails_them(
    activity_index, organising_unit, django_capture_on_commit_callbacks
):
    activity = make_activity(activity_index, unit=organising_unit, shifts=((2, 3, 1),))
    shift = _shift(activity)
    first, second, third = VolunteerFactory.create_batch(3)
    place = signup_create(volunteer=first, shift=shift)
    waiting = signup_create(volunteer=second, shift=shift)
    signup_create(volunteer=third, shift=shift)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = signup_cancel(volunteer=first, signup=place)
    assert promoted.pk == waiting.pk
    place.refresh_from_db()
    waiting.refresh_from_db()
    assert place.status == Signup.Status.CANCELLED and place.cancelled_at
    assert waiting.status == Signup.Status.CONFIRMED and waiting.promoted_at
    shift.refresh_from_db()
    assert shift.confirmed_count == 1
    assert waitlist_position(Signup.objects.get(volunteer=third)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [second.user.email]
    assert activity.title in message.subject
    assert "候补" in message.body or activity.title in message.body


def test_cancel_over_http_promotes(client, activity_index, organising_unit):
    activity = make_activity(activity_index, unit=organising_unit, shifts=((2, 3, 1),))
    shift = _shift(activity)
    first, second = VolunteerFactory.create_batch(2)
    place = signup_create(volunteer=first, shift=shift)
    signup_create(volunteer=second, shift=shift)
    client.force_login(first.user)
    response = client.post(route_url(activity, "signup_cancel", place.pk))
    assert response.status_code == 302
    assert Signup.objects.get(volunteer=second).status == Signup.Status.CONFIRMED


def test_cancelling_a_waitlist_entry_just_cancels(activity_index, organising_unit):
    activity = make_activity(activity_index, unit=organising_unit, shifts=((2, 3, 1),))
    shift = _shift(activity)
    first, second = VolunteerFactory.create_batch(2)
    signup_create(volunteer=first, shift=shift)
    waiting = signup_create(volunteer=second, shift=shift)
    assert signup_cancel(volunteer=second, signup=waiting) is None
    shift.refresh_from_db()
    assert shift.confirmed_count == 1
    assert Signup.objects.get(pk=waiting.pk).status == Signup.Status.CANCELLED


def test_cancel_after_deadline_is_refused_with_the_deadline(
    activity_index, organising_unit, volunteer
):
    # The shift starts in 12 hours; cancellation closes 24 hours before.
    activity = make_activity(
        activity_index, unit=organising_unit, shifts=((0.5, 2, 5),)
    )
    signup = signup_create(volunteer=volunteer, shift=_shift(activity))
    with pytest.raises(ServiceError, match="Cancellation for this shift closed on"):
        signup_cancel(volunteer=volunteer, signup=signup)
    assert Signup.objects.get(pk=signup.pk).status == Signup.Status.CONFIRMED


def test_cancelling_someone_elses_signup_is_not_found(client, activity, volunteer):
    signup = signup_create(volunteer=volunteer, shift=_shift(activity))
    other = VolunteerFactory()
    client.force_login(other.user)
    response = client.post(route_url(activity, "signup_cancel", signup.pk))
    assert response.status_code == 404
    assert Signup.objects.get(pk=signup.pk).status == Signup.Status.CONFIRMED


def test_overlapping_shift_is_refused(activity_index, organising_unit, volunteer):
    first = make_activity(activity_index, unit=organising_unit, shifts=((2, 3, 5),))
    second = make_activity(
        activity_index, unit=organising_unit, shifts=((2, 2, 5),), title="另一活动"
    )
    signup_create(volunteer=volunteer, shift=_shift(first))
    with pytest.raises(ServiceError, match="overlaps another shift"):
        signup_create(volunteer=volunteer, shift=_shift(second))
    assert Signup.objects.filter(volunteer=volunteer).count() == 1


def test_second_signup_to_same_shift_is_refused(activity, volunteer):
    shift = _shift(activity)
    signup_create(volunteer=volunteer, shift=shift)
    with pytest.raises(ServiceError, match="already signed up"):
        signup_create(volunteer=volunteer, shift=shift)
    shift.refresh_from_db()
    assert shift.confirmed_count == 1


def test_can_sign_up_again_after_cancelling(activity, volunteer):
    shift = _shift(activity)
    signup = signup_create(volunteer=volunteer, shift=shift)
    signup_cancel(volunteer=volunteer, signup=signup)
    again = signup_create(volunteer=volunteer, shift=shift)
    assert again.status == Signup.Status.CONFIRMED


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Volunteer.Status.PENDING, "still being reviewed"),
        (Volunteer.Status.SUSPENDED, "Only active volunteers"),
        (Volunteer.Status.REJECTED, "Only active volunteers"),
    ],
)
def test_inactive_volunteer_is_refused(activity, status, message):
    volunteer = VolunteerFactory(status=status, green_ribbon_number=None)
    with pytest.raises(ServiceError, match=message):
        signup_create(volunteer=volunteer, shift=_shift(activity))
    assert not Signup.objects.exists()


def test_pending_volunteer_over_http_sees_message(client, activity):
    volunteer = VolunteerFactory(
        status=Volunteer.Status.PENDING, green_ribbon_number=None
    )
    client.force_login(volunteer.user)
    with translation.override("en"):
        url = route_url(activity, "shift_signup", _shift(activity).pk)
    response = client.post(url, follow=True)
    assert "still being reviewed" in response.content.decode()
    assert not Signup.objects.exists()


def test_minimum_age_is_enforced(activity_index, organising_unit):
    activity = make_activity(activity_index, unit=organising_unit, minimum_age=18)
    year = timezone.localdate().year
    young = VolunteerFactory(birth_year=year - 16)
    with pytest.raises(ServiceError, match="at least 18 years old"):
        signup_create(volunteer=young, shift=_shift(activity))
    old_enough = VolunteerFactory(birth_year=year - 18)
    assert signup_create(volunteer=old_enough, shift=_shift(activity)).status == (
        Signup.Status.CONFIRMED
    )


def test_signup_outside_window_is_refused(activity_index, organising_unit, volunteer):
    now = timezone.now()
    not_yet = make_activity(
        activity_index,
        unit=organising_unit,
        signup_opens_at=now + timedelta(hours=1),
        signup_closes_at=now + timedelta(days=1),
    )
    with pytest.raises(ServiceError, match="opens on"):
        signup_create(volunteer=volunteer, shift=_shift(not_yet))
    closed = make_activity(
        activity_index,
        unit=organising_unit,
        signup_opens_at=now - timedelta(days=2),
        signup_closes_at=now - timedelta(hours=1),
    )
    with pytest.raises(ServiceError, match="closed on"):
        signup_create(volunteer=volunteer, shift=_shift(closed))


def test_anonymous_signup_redirects_to_login(client, activity):
    response = client.post(route_url(activity, "shift_signup", _shift(activity).pk))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_user_without_profile_is_sent_to_register(client, activity, resident):
    client.force_login(resident)
    response = client.post(route_url(activity, "shift_signup", _shift(activity).pk))
    assert response.status_code == 302
    assert "/volunteers/register/" in response["Location"]
    page = client.get(activity.url)
    assert "/volunteers/register/" in page.content.decode()


def test_my_signups_lists_upcoming_waitlist_and_past(
    activity_index, organising_unit, volunteer
):
    activity = make_activity(
        activity_index, unit=organising_unit, shifts=((2, 3, 1), (5, 3, 1))
    )
    early, late = activity.shifts.order_by("starts_at")
    signup_create(volunteer=VolunteerFactory(), shift=late)
    confirmed = signup_create(volunteer=volunteer, shift=early)
    waiting = signup_create(volunteer=volunteer, shift=late)
    past_shift = Shift.objects.create(
        activity=activity,
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
        capacity=5,
    )
    ShiftPlaces.objects.filter(pk=past_shift.pk).update(confirmed=1)
    past = Signup.objects.create(
        shift=past_shift, volunteer=volunteer, status=Signup.Status.CONFIRMED
    )
    mine = my_signups(volunteer=volunteer)
    assert [s.pk for s in mine["upcoming"]] == [confirmed.pk]
    assert [(s.pk, s.waitlist_position) for s in mine["waitlisted"]] == [
        (waiting.pk, 1)
    ]
    assert [s.pk for s in mine["past"]] == [past.pk]
    assert mine["upcoming"][0].can_cancel


def test_my_signups_include_renders_with_cancel_forms(rf, activity, volunteer):
    from django.template.loader import render_to_string

    signup = signup_create(volunteer=volunteer, shift=_shift(activity))
    request = rf.get("/me/")
    request.user = volunteer.user
    html = render_to_string(
        "volunteers/includes/my_signups.html",
        {"my_signups": my_signups(volunteer=volunteer), "request": request},
    )
    assert activity.title in html
    assert route_url(activity, "signup_cancel", signup.pk) in html
    assert 'name="next" value="/me/#my-signups"' in html


@pytest.fixture(autouse=True)
def _messages_in_english():
    """These tests read the services' messages in English (the msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield
