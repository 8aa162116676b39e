"""Reminders, escalation once per level, auto-closing, clock stops,
extensions and merged duplicates."""

import datetime

from django.core.exceptions import PermissionDenied

import pytest

from consultations.hotline import services
from consultations.hotline.models import Escalation, Follower, Request, RequestEvent
from home.models import InboxMessage
from tests.clock import at, shanghai
from tests.hotline.factories import category, dispatcher, operator

Status = Request.Status


def test_escalation_fires_once_per_level_when_the_job_runs_twice(hotline):
    boss = dispatcher()
    with at(shanghai(2026, 3, 2, 10)):  # Monday
        request = hotline.submit()
    # Not accepted by Tuesday 10:00: overdue → district platform.
    with at(shanghai(2026, 3, 3, 11)):
        assert services.escalate_overdue() == 1
        assert services.escalate_overdue() == 0
    assert list(request.escalations.values_list("level", flat=True)) == ["district"]
    assert InboxMessage.objects.filter(recipient=hotline.platform_handler).exists()
    # A working day later still not accepted → city staff, once.
    with at(shanghai(2026, 3, 4, 11)):
        assert services.escalate_overdue() == 1
        assert services.escalate_overdue() == 0
    assert Escalation.objects.filter(request=request).count() == 2
    assert InboxMessage.objects.filter(recipient=boss, kind="hotline_work").exists()
    assert request.events.filter(kind=RequestEvent.Kind.ESCALATED).count() == 2


def test_a_request_on_time_is_not_escalated(hotline):
    with at(shanghai(2026, 3, 2, 10)):
        hotline.submit()
    with at(shanghai(2026, 3, 3, 9)):
        assert services.escalate_overdue() == 0


def test_reminder_before_the_deadline_once(hotline):
    with at(shanghai(2026, 3, 2, 10)):
        request = hotline.submit()
    before = InboxMessage.objects.filter(recipient=hotline.bureau_handler).count()
    with at(shanghai(2026, 3, 3, 7)):  # 3 hours before acceptance is due
        assert services.send_reminders() == 1
        assert services.send_reminders() == 0
    after = InboxMessage.objects.filter(recipient=hotline.bureau_handler).count()
    assert after == before + 1
    assert request.events.filter(kind=RequestEvent.Kind.REMINDED).count() == 1


def test_auto_close_after_seven_days_without_rating(hotline):
    with at(shanghai(2026, 3, 2, 10)):
        request = hotline.replied()
    with at(shanghai(2026, 3, 9, 9)):
        assert services.requests_auto_close() == 0
    with at(shanghai(2026, 3, 9, 11)):
        assert services.requests_auto_close() == 1
        assert services.requests_auto_close() == 0
    request.refresh_from_db()
    assert (request.status, request.close_reason) == (Status.CLOSED, "auto")


def test_clock_stops_while_waiting_for_the_resident(hotline):
    with at(shanghai(2026, 3, 2, 10)):  # Monday
        request = hotline.submit()
        services.request_accept(request=request, user=hotline.bureau_handler)
    assert request.resolve_due_at == shanghai(2026, 3, 9, 10)
    with at(shanghai(2026, 3, 6, 12)):  # Friday
        services.request_pause(
            request=request, user=hotline.bureau_handler, reason="请提供具体灯杆编号"
        )
    with at(shanghai(2026, 3, 9, 12)):  # Monday: a working day stood still
        assert services.escalate_overdue() == 0
        services.request_resume(request=request, user=hotline.resident)
    assert request.resolve_due_at == shanghai(2026, 3, 10, 10)
    assert request.paused_seconds == 24 * 3600
    paused = request.events.get(kind=RequestEvent.Kind.PAUSED)
    assert paused.text == "请提供具体灯杆编号"


def test_extension_for_complex_requests_once_by_another_units_dispatcher(hotline):
    request = hotline.submit(tier="complex")
    services.request_accept(request=request, user=hotline.bureau_handler)
    due = request.resolve_due_at
    services.extension_request(
        request=request, user=hotline.bureau_handler, reason="需协调多个部门"
    )
    with pytest.raises(services.HotlineError):
        services.extension_request(
            request=request, user=hotline.bureau_handler, reason="again"
        )
    with pytest.raises(PermissionDenied):
        services.extension_decide(
            request=request, user=hotline.bureau_handler, approve=True
        )
    services.extension_decide(request=request, user=dispatcher(), approve=True)
    assert request.extended
    assert request.resolve_due_at > due + datetime.timedelta(days=14)
    with pytest.raises(services.HotlineError):
        services.extension_decide(request=request, user=dispatcher(), approve=True)


def test_dispatcher_cannot_approve_own_units_extension(hotline):
    request = hotline.submit(tier="complex")
    services.request_accept(request=request, user=hotline.bureau_handler)
    services.extension_request(request=request, user=hotline.bureau_handler, reason="x")
    own = dispatcher()
    own.unit_memberships.create(unit=hotline.bureau, role="responder")
    with pytest.raises(PermissionDenied):
        services.extension_decide(request=request, user=own, approve=True)


def test_normal_requests_cannot_be_extended(hotline):
    request = hotline.submit()
    services.request_accept(request=request, user=hotline.bureau_handler)
    with pytest.raises(services.HotlineError):
        services.extension_request(
            request=request, user=hotline.bureau_handler, reason="x"
        )


def test_thirty_reports_of_one_pothole_are_one_case_with_thirty_followers(hotline):
    from tests.factories import UserFactory

    first = hotline.submit(place="中华南路88号", description="路面坑洞")
    clerk = operator()
    for number in range(29):
        duplicate = hotline.submit(
            resident=UserFactory(), place="中华南路88号", description=f"坑 {number}"
        )
        assert first in services.duplicate_candidates(duplicate)
        services.request_merge(duplicate=duplicate, into=first, user=clerk)
    assert Follower.objects.filter(request=first).count() == 29
    assert Request.objects.filter(status=Status.MERGED, merged_into=first).count() == 29
    # Followers hear of the surviving case's steps.
    follower = Follower.objects.filter(request=first).first().user
    services.request_accept(request=first, user=hotline.bureau_handler)
    assert InboxMessage.objects.filter(
        recipient=follower, title__contains=first.reference
    ).exists()


def test_merge_refuses_another_category(hotline):
    first = hotline.submit()
    other = hotline.submit(category=category("water"))
    with pytest.raises(services.HotlineError):
        services.request_merge(duplicate=other, into=first, user=operator())
