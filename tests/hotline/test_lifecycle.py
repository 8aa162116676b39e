"""A request from submission to closure, and the refusals on the way."""

from django.core.exceptions import PermissionDenied

import pytest

from consultations.hotline import services
from consultations.hotline.models import Rating, Request, RequestEvent
from home.models import InboxMessage
from tests.clock import at, shanghai
from tests.hotline.factories import category, dispatcher, handler, operator, photo

Status = Request.Status


def kinds(request):
    return list(request.events.values_list("kind", flat=True))


def test_submit_routes_by_rule_and_tells_resident_and_unit(hotline):
    with at(shanghai(2026, 3, 2, 10)):
        request = hotline.submit(photos=[photo()], photos_public=True)
    assert request.reference == "12319-2026-000001"
    assert request.handling_unit == hotline.bureau
    assert request.status == Status.SUBMITTED
    assert request.photos.count() == 1
    assert kinds(request) == ["submitted", "routed"]
    assert InboxMessage.objects.filter(
        recipient=hotline.resident, kind="hotline_update"
    ).exists()
    assert InboxMessage.objects.filter(
        recipient=hotline.bureau_handler, kind="hotline_work"
    ).exists()


def test_city_wide_rule_and_platform_fallback(hotline):
    water = hotline.submit(category=category("water"))
    assert water.handling_unit == hotline.water
    policy = hotline.submit(category=category("policy"))
    assert policy.handling_unit == hotline.platform


def test_seven_photos_are_refused(hotline):
    with pytest.raises(services.HotlineError):
        hotline.submit(photos=[photo(f"{n}.jpg") for n in range(7)])
    assert not Request.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(hotline):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    with pytest.raises(services.HotlineError):
        hotline.submit(photos=[fake])


def test_full_lifecycle_with_reopening_to_the_supervisor(hotline):
    request = hotline.replied(photos=[photo()])
    assert request.status == Status.REPLIED
    services.request_rate(
        request=request, user=hotline.resident, grade="dissatisfied", comment="还是不亮"
    )
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED
    assert request.round == 2
    assert request.handling_unit == hotline.platform
    services.request_accept(request=request, user=hotline.platform_handler)
    services.request_start(request=request, user=hotline.platform_handler)
    services.request_reply(
        request=request, user=hotline.platform_handler, body="已督促更换线路。"
    )
    services.request_rate(request=request, user=hotline.resident, grade="satisfied")
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    assert request.close_reason == "rated"
    assert list(request.ratings.values_list("round", "grade")) == [
        (1, "dissatisfied"),
        (2, "satisfied"),
    ]
    assert kinds(request)[-2:] == ["rated", "closed"]


def test_the_platform_does_not_supervise_its_own_answer(hotline):
    """A policy question has no rule and falls to the district platform; when
    its answer is rated 不满意, round 2 waits on the dispatch desk (no unit)
    for the dispatchers, who give it to another unit."""
    from consultations.hotline import selectors

    desk_person = dispatcher()
    request = hotline.submit(category=category("policy"))
    assert request.handling_unit == hotline.platform
    for step in (services.request_accept, services.request_start):
        step(request=request, user=hotline.platform_handler)
    services.request_reply(request=request, user=hotline.platform_handler, body="答复")
    services.request_rate(request=request, user=hotline.resident, grade="dissatisfied")
    request.refresh_from_db()
    assert (request.status, request.round) == (Status.SUBMITTED, 2)
    assert request.handling_unit is None
    assert request in selectors.dispatch_desk()["unrouted"]
    assert InboxMessage.objects.filter(
        recipient=desk_person, kind="hotline_work", body__contains=request.reference
    ).exists()
    assert "dispatchers choose a unit" in request.events.last().params["note"]

    services.request_reassign(
        request=request, user=desk_person, unit=hotline.bureau, reason="由城管局办理"
    )
    for step in (services.request_accept, services.request_start):
        step(request=request, user=hotline.bureau_handler)
    services.request_reply(request=request, user=hotline.bureau_handler, body="已办")
    services.request_rate(request=request, user=hotline.resident, grade="satisfied")
    request.refresh_from_db()
    assert request.status == Status.CLOSED


def test_round_two_never_goes_back_to_the_unit_that_answered_round_one(hotline):
    """The resident was not satisfied with the bureau's answer: neither the
    platform nor a dispatcher can hand round 2 back to the bureau."""
    request = hotline.replied()
    answered_by = request.handling_unit
    services.request_rate(request=request, user=hotline.resident, grade="dissatisfied")
    request.refresh_from_db()
    assert (request.round, request.handling_unit) == (2, hotline.platform)
    events = request.events.count()
    for person in (hotline.platform_handler, dispatcher()):
        with pytest.raises(services.HotlineError, match="其他单位"):
            services.request_reassign(
                request=request, user=person, unit=answered_by, reason="退回原单位"
            )
        request.refresh_from_db()
        assert request.handling_unit == hotline.platform
        assert request.events.count() == events


def test_second_dissatisfied_closes_without_reopening(hotline):
    request = hotline.replied()
    services.request_rate(request=request, user=hotline.resident, grade="dissatisfied")
    for step in (services.request_accept, services.request_start):
        step(request=request, user=hotline.platform_handler)
    services.request_reply(request=request, user=hotline.platform_handler, body="答复")
    services.request_rate(request=request, user=hotline.resident, grade="dissatisfied")
    request.refresh_from_db()
    assert request.status == Status.CLOSED


def test_rating_twice_in_a_round_is_refused(hotline):
    request = hotline.replied()
    services.request_rate(request=request, user=hotline.resident, grade="satisfied")
    with pytest.raises(services.HotlineError):
        services.request_rate(request=request, user=hotline.resident, grade="fairly")
    assert Rating.objects.count() == 1


def test_only_the_handling_unit_accepts(hotline):
    request = hotline.submit()
    with pytest.raises(PermissionDenied):
        services.request_accept(request=request, user=hotline.water_handler)
    services.request_accept(request=request, user=hotline.bureau_handler)
    with pytest.raises(services.HotlineError):
        services.request_accept(request=request, user=hotline.bureau_handler)


def test_reply_before_accepting_is_refused(hotline):
    request = hotline.submit()
    with pytest.raises(services.HotlineError):
        services.request_reply(request=request, user=hotline.bureau_handler, body="x")


def test_handler_cannot_rate_as_resident(hotline):
    request = hotline.replied(resident=hotline.bureau_handler)
    with pytest.raises(PermissionDenied):
        services.request_rate(
            request=request, user=hotline.bureau_handler, grade="satisfied"
        )


def test_someone_else_cannot_rate(hotline):
    request = hotline.replied()
    with pytest.raises(PermissionDenied):
        services.request_rate(
            request=request, user=hotline.water_handler, grade="satisfied"
        )


def test_send_back_once_and_dispatcher_decides(hotline):
    request = hotline.submit()
    services.request_send_back(
        request=request, user=hotline.bureau_handler, reason="属于供水问题"
    )
    assert request.status == Status.SENT_BACK
    boss = dispatcher()
    services.send_back_decide(
        request=request, user=boss, approve=True, unit=hotline.water, reason="改派"
    )
    request.refresh_from_db()
    assert request.handling_unit == hotline.water
    assert request.status == Status.SUBMITTED
    services.request_accept(request=request, user=hotline.water_handler)
    with pytest.raises(services.HotlineError):
        services.request_send_back(
            request=request, user=hotline.water_handler, reason="again"
        )


def test_refused_send_back_returns_to_the_unit(hotline):
    request = hotline.submit()
    services.request_send_back(request=request, user=hotline.bureau_handler, reason="x")
    services.send_back_decide(request=request, user=dispatcher(), approve=False)
    request.refresh_from_db()
    assert (request.status, request.handling_unit) == (Status.SUBMITTED, hotline.bureau)


def test_dispatcher_does_not_decide_for_own_unit(hotline):
    request = hotline.submit()
    services.request_send_back(request=request, user=hotline.bureau_handler, reason="x")
    boss = dispatcher()
    handler_role = handler(hotline.bureau)
    boss.unit_memberships.create(unit=hotline.bureau, role="responder")
    assert handler_role
    with pytest.raises(PermissionDenied):
        services.send_back_decide(
            request=request, user=boss, approve=True, unit=hotline.water
        )


def test_reassign_needs_reason_and_operator_or_platform(hotline):
    request = hotline.submit()
    with pytest.raises(PermissionDenied):
        services.request_reassign(
            request=request, user=hotline.water_handler, unit=hotline.water, reason="x"
        )
    with pytest.raises(services.HotlineError):
        services.request_reassign(
            request=request, user=operator(), unit=hotline.water, reason=" "
        )
    services.request_reassign(
        request=request,
        user=hotline.platform_handler,
        unit=hotline.water,
        reason="供水",
    )
    request.refresh_from_db()
    assert request.handling_unit == hotline.water
    event = request.events.get(kind=RequestEvent.Kind.REASSIGNED)
    assert (event.actor, event.text) == (hotline.platform_handler, "供水")


def test_operator_enters_a_call_and_the_caller_looks_it_up(hotline):
    with at(shanghai(2026, 3, 2, 10)):
        request, code = services.request_enter_by_operator(
            operator=operator(),
            caller_name="刘女士",
            caller_phone="13900001111",
            category=category(),
            district=hotline.district,
            place="青云路路灯",
            description="路灯闪烁",
        )
    assert request.resident is None
    assert request.caller_phone == "+8613900001111"
    assert code not in request.lookup_code_hash
    assert services.request_lookup(reference=request.reference, code=code) == request
    assert services.request_lookup(reference=request.reference, code="WRONG") is None
    assert services.request_lookup(reference="12319-2026-999999", code=code) is None


def test_only_operators_enter_calls(hotline):
    with pytest.raises(PermissionDenied):
        services.request_enter_by_operator(
            operator=hotline.resident,
            caller_name="x",
            caller_phone="13900001111",
            category=category(),
            district=hotline.district,
            place="x",
            description="x",
        )


def test_follow_up_call_records_rating_for_caller(hotline):
    request, _code = services.request_enter_by_operator(
        operator=operator(),
        caller_name="刘女士",
        caller_phone="13900001111",
        category=category(),
        district=hotline.district,
        place="青云路路灯",
        description="路灯闪烁",
    )
    services.request_accept(request=request, user=hotline.bureau_handler)
    services.request_start(request=request, user=hotline.bureau_handler)
    services.request_reply(request=request, user=hotline.bureau_handler, body="已修复")
    services.request_follow_up(
        request=request, operator=operator(), grade="fairly", comment="电话回访"
    )
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    assert request.close_reason == "follow_up"
    assert request.ratings.get().by_follow_up
