"""Places taken on a shift are not content (issue 11, "places oversold by
publishing"): however an activity goes live again — a draft published from the
admin, a workflow approval, scheduled publishing, "revert to this revision", a
copy — places already taken are never given back.

The scenario on every path: a shift with 2 places; the editor saves a draft; two
volunteers sign up over HTTP; the draft goes live by that path; two more try to
sign up: they are waitlisted, never 4 confirmed."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.test.utils.form_data import rich_text

import pytest

from tests.factories import UserFactory, give_totp
from tests.volunteers.factories import VolunteerFactory, make_activity, route_url
from volunteers.models import ActivityPage, Shift, Signup

pytestmark = pytest.mark.django_db

PLACES = 2
CONFIRMED = Signup.Status.CONFIRMED
WAITLISTED = Signup.Status.WAITLISTED


@pytest.fixture
def editor():
    user = UserFactory(display_name="周编辑", is_staff=True, is_superuser=True)
    give_totp(user)
    return user


@pytest.fixture
def approver():
    user = UserFactory(display_name="吴审核", is_staff=True, is_superuser=True)
    give_totp(user)
    return user


@pytest.fixture
def activity(activity_index, organising_unit):
    return make_activity(activity_index, unit=organising_unit, shifts=((3, 2, PLACES),))


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def edit_form(page, **overrides) -> dict:
    """The admin's edit form for ``page`` (an ``ActivityPage`` as the editor
    sees it: the latest revision), as the browser posts it."""
    shifts = list(page.shifts.all())
    data = {
        "title": page.title,
        "slug": page.slug,
        "team": page.team_id or "",
        "category": page.category,
        "district": page.district_id,
        "place": page.place,
        "summary": page.summary,
        "description": rich_text(page.description or "<p></p>"),
        "image": "",
        "signup_opens_at": _local(page.signup_opens_at),
        "signup_closes_at": _local(page.signup_closes_at),
        "cancellation_deadline_hours": page.cancellation_deadline_hours,
        "required_skills": page.required_skills,
        "minimum_age": page.minimum_age,
        "points_multiplier": str(page.points_multiplier),
        "shifts-TOTAL_FORMS": len(shifts),
        "shifts-INITIAL_FORMS": sum(1 for shift in shifts if shift.pk),
        "shifts-MIN_NUM_FORMS": 1,
        "shifts-MAX_NUM_FORMS": 1000,
        "comments-TOTAL_FORMS": 0,
        "comments-INITIAL_FORMS": 0,
        "comments-MIN_NUM_FORMS": 0,
        "comments-MAX_NUM_FORMS": 1000,
    }
    for number, shift in enumerate(shifts):
        prefix = f"shifts-{number}-"
        data.update(
            {
                prefix + "id": shift.pk or "",
                prefix + "role": shift.role,
                prefix + "starts_at": _local(shift.starts_at),
                prefix + "ends_at": _local(shift.ends_at),
                prefix + "capacity": shift.capacity,
                prefix + "ORDER": number + 1,
                prefix + "DELETE": "",
            }
        )
    data.update(overrides)
    return data


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def save_draft(client, editor, activity, **overrides):
    """The editor saves a draft of the activity over HTTP; the live page does
    not change."""
    client.force_login(editor)
    page = ActivityPage.objects.get(pk=activity.pk).get_latest_revision_as_object()
    data = edit_form(page, summary="草稿：集合地点改到广场东门。", **overrides)
    response = client.post(edit_url(activity), data)
    assert response.status_code == 302, _form_errors(response)
    live = ActivityPage.objects.get(pk=activity.pk)
    assert live.has_unpublished_changes
    return live.latest_revision


def _form_errors(response):
    form = response.context["form"]
    return form.errors, [f.errors for f in form.formsets["shifts"].forms]


def sign_up(client, activity, shift, count: int) -> list:
    """``count`` new active volunteers press "sign up" on the public page."""
    volunteers = [VolunteerFactory() for _ in range(count)]
    activity = ActivityPage.objects.get(pk=activity.pk)
    for volunteer in volunteers:
        client.force_login(volunteer.user)
        response = client.post(route_url(activity, "shift_signup", shift.pk))
        assert response.status_code == 302
    return volunteers


def statuses(shift) -> dict:
    signups = Signup.objects.filter(shift_id=shift.pk)
    return {
        "confirmed": signups.filter(status=CONFIRMED).count(),
        "waitlisted": signups.filter(status=WAITLISTED).count(),
    }


def assert_never_oversold(client, activity, shift):
    """Two more volunteers sign up: both are waitlisted; 2 confirmed of 2."""
    sign_up(client, activity, shift, 2)
    assert statuses(shift) == {"confirmed": 2, "waitlisted": 2}
    shift = Shift.objects.get(pk=shift.pk)
    assert shift.capacity == PLACES
    assert shift.confirmed_count == PLACES
    assert shift.places_left == 0
    client.logout()
    html = client.get(ActivityPage.objects.get(pk=activity.pk).url).content.decode()
    assert "已满" in html


def test_publishing_a_draft_from_the_admin_keeps_the_places_taken(
    client, editor, activity
):
    shift = activity.shifts.get()
    save_draft(client, editor, activity)
    sign_up(client, activity, shift, 2)
    assert statuses(shift) == {"confirmed": 2, "waitlisted": 0}

    client.force_login(editor)
    draft = ActivityPage.objects.get(pk=activity.pk).get_latest_revision_as_object()
    response = client.post(
        edit_url(activity), edit_form(draft, **{"action-publish": "action-publish"})
    )
    assert response.status_code == 302, _form_errors(response)
    live = ActivityPage.objects.get(pk=activity.pk)
    assert live.summary == "草稿：集合地点改到广场东门。"
    assert list(live.shifts.values_list("pk", flat=True)) == [shift.pk]
    assert_never_oversold(client, activity, shift)


def test_a_workflow_approval_keeps_the_places_taken(client, editor, approver, activity):
    group = Group.objects.create(name="活动审核")
    approver.groups.add(group)
    task = GroupApprovalTask.objects.create(name="审核活动")
    task.groups.add(group)
    workflow = Workflow.objects.create(name="活动审核流程")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(
        page=Page.objects.get(pk=activity.pk), workflow=workflow
    )
    shift = activity.shifts.get()

    save_draft(client, editor, activity, **{"action-submit": "action-submit"})
    task_state = ActivityPage.objects.get(pk=activity.pk).current_workflow_task_state
    assert task_state is not None
    sign_up(client, activity, shift, 2)

    client.force_login(approver)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[activity.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    live = ActivityPage.objects.get(pk=activity.pk)
    assert live.summary == "草稿：集合地点改到广场东门。"
    assert_never_oversold(client, activity, shift)


def test_scheduled_publishing_keeps_the_places_taken(
    client, editor, activity, time_machine
):
    time_machine.move_to(timezone.now(), tick=True)
    shift = activity.shifts.get()
    go_live = timezone.now() + timedelta(hours=1)
    save_draft(
        client,
        editor,
        activity,
        go_live_at=_local(go_live),
        **{"action-publish": "action-publish"},
    )
    assert ActivityPage.objects.get(pk=activity.pk).scheduled_revision is not None
    sign_up(client, activity, shift, 2)

    time_machine.move_to(go_live + timedelta(minutes=5), tick=True)
    call_command("publish_scheduled")
    live = ActivityPage.objects.get(pk=activity.pk)
    assert live.summary == "草稿：集合地点改到广场东门。"
    assert_never_oversold(client, activity, shift)


def test_reverting_to_a_revision_keeps_the_places_taken(client, editor, activity):
    shift = activity.shifts.get()
    published_before = ActivityPage.objects.get(pk=activity.pk).live_revision
    save_draft(client, editor, activity)
    sign_up(client, activity, shift, 2)

    client.force_login(editor)
    revert_url = reverse(
        "wagtailadmin_pages:revisions_revert", args=[activity.pk, published_before.pk]
    )
    assert client.get(revert_url).status_code == 200
    old = published_before.as_object()
    response = client.post(
        revert_url, edit_form(old, **{"action-publish": "action-publish"})
    )
    assert response.status_code == 302, _form_errors(response)
    assert ActivityPage.objects.get(pk=activity.pk).summary == old.summary
    assert_never_oversold(client, activity, shift)


def test_a_copy_starts_with_its_own_places(client, editor, activity):
    shift = activity.shifts.get()
    save_draft(client, editor, activity)
    sign_up(client, activity, shift, 2)

    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[activity.pk]),
        {
            "new_title": "花果园社区垃圾分类宣传（第二期）",
            "new_slug": "lajifenlei-2",
            "new_parent_page": activity.get_parent().pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    copy = ActivityPage.objects.get(slug="lajifenlei-2")
    copied_shift = copy.shifts.get()
    assert copied_shift.pk != shift.pk
    assert copied_shift.confirmed_count == 0 and copied_shift.places_left == PLACES
    # Nobody has signed up for the copy: its first two get places.
    sign_up(client, copy, copied_shift, 2)
    assert statuses(copied_shift) == {"confirmed": 2, "waitlisted": 0}
    # And the original is still full after two.
    assert_never_oversold(client, activity, shift)


def test_the_editor_cannot_set_fewer_places_than_are_taken(client, editor, activity):
    shift = activity.shifts.get()
    sign_up(client, activity, shift, 2)
    client.force_login(editor)
    page = ActivityPage.objects.get(pk=activity.pk)
    response = client.post(
        edit_url(activity), edit_form(page, **{"shifts-0-capacity": 1})
    )
    assert response.status_code == 200
    errors = response.context["form"].formsets["shifts"].forms[0].errors
    assert "2名志愿者已报名" in str(errors["capacity"])
    assert "2名志愿者已报名" in response.content.decode()
    assert Shift.objects.get(pk=shift.pk).capacity == PLACES
    assert not ActivityPage.objects.get(pk=activity.pk).has_unpublished_changes


def test_the_editor_cannot_remove_a_shift_with_sign_ups(client, editor, activity):
    shift = activity.shifts.get()
    sign_up(client, activity, shift, 1)
    client.force_login(editor)
    page = ActivityPage.objects.get(pk=activity.pk)
    data = edit_form(page, **{"shifts-0-DELETE": "1"})
    response = client.post(edit_url(activity), data)
    assert response.status_code == 200
    assert "已有志愿者报名，不能删除" in response.content.decode()
    assert Shift.objects.filter(pk=shift.pk).exists()


def test_a_scheduled_draft_with_fewer_places_keeps_everyone_who_has_one(
    client, editor, activity, time_machine
):
    """The draft lowered the places to 1 before anyone signed up; two did; when
    the scheduler publishes it, both keep their place and nobody more is
    confirmed."""
    time_machine.move_to(timezone.now(), tick=True)
    shift = activity.shifts.get()
    go_live = timezone.now() + timedelta(hours=1)
    save_draft(
        client,
        editor,
        activity,
        go_live_at=_local(go_live),
        **{"shifts-0-capacity": 1, "action-publish": "action-publish"},
    )
    sign_up(client, activity, shift, 2)
    time_machine.move_to(go_live + timedelta(minutes=5), tick=True)
    call_command("publish_scheduled")
    assert ActivityPage.objects.get(pk=activity.pk).summary.startswith("草稿")
    assert_never_oversold(client, activity, shift)


def test_a_scheduled_draft_without_a_shift_that_has_sign_ups_keeps_it(
    client, editor, activity_index, organising_unit, time_machine
):
    """The draft removed the second shift while nobody had signed up for it;
    people then did. Publishing the draft keeps that shift and its sign-ups."""
    time_machine.move_to(timezone.now(), tick=True)
    activity = make_activity(
        activity_index, unit=organising_unit, shifts=((3, 2, PLACES), (4, 2, PLACES))
    )
    first, second = activity.shifts.order_by("starts_at")
    go_live = timezone.now() + timedelta(hours=1)
    save_draft(
        client,
        editor,
        activity,
        go_live_at=_local(go_live),
        **{"shifts-1-DELETE": "1", "action-publish": "action-publish"},
    )
    sign_up(client, activity, second, 2)
    time_machine.move_to(go_live + timedelta(minutes=5), tick=True)
    call_command("publish_scheduled")
    live = ActivityPage.objects.get(pk=activity.pk)
    assert live.summary.startswith("草稿")
    assert set(live.shifts.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert_never_oversold(client, activity, second)
