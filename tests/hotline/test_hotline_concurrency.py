"""A request is never accepted by two units, nor twice; references never
repeat — under parallel requests (PostgreSQL: SQLite serialises writers)."""

import pytest

from consultations.hotline import services
from consultations.hotline.models import Request, RequestEvent
from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.hotline.factories import Setup, handler, operator

pytestmark = [*POSTGRES_ONLY, pytest.mark.concurrency]

PARALLEL = 12


@pytest.fixture
def hotline(db):
    return Setup()


def test_parallel_accepts_by_one_unit_succeed_once(hotline):
    request = hotline.submit()
    handlers = [handler(hotline.bureau) for _ in range(PARALLEL)]

    def accept(user):
        fresh = Request.objects.get(pk=request.pk)
        return services.request_accept(request=fresh, user=user)

    results, errors = run_in_parallel(accept, handlers)
    assert len(results) == 1
    assert all(isinstance(error, services.HotlineError) for error in errors)
    assert request.events.filter(kind=RequestEvent.Kind.ACCEPTED).count() == 1


def test_two_units_racing_to_accept_after_a_transfer(hotline):
    """The bureau accepts while an operator transfers the request to the
    water company, whose handler accepts at once: one acceptance only."""
    clerk = operator()
    request = hotline.submit()

    def act(which):
        fresh = Request.objects.get(pk=request.pk)
        if which == "bureau":
            return services.request_accept(request=fresh, user=hotline.bureau_handler)
        services.request_reassign(
            request=fresh, user=clerk, unit=hotline.water, reason="供水问题"
        )
        return services.request_accept(
            request=Request.objects.get(pk=request.pk), user=hotline.water_handler
        )

    results, errors = run_in_parallel(act, ["bureau", "water"])
    request.refresh_from_db()
    accepted = request.events.filter(kind=RequestEvent.Kind.ACCEPTED)
    assert request.status == Request.Status.ACCEPTED
    assert accepted.last().unit == request.handling_unit
    assert len(results) + len(errors) == 2


def test_accept_racing_a_transfer_leaves_one_unit(hotline):
    clerk = operator()
    for attempt in range(6):
        request = hotline.submit(place=f"路灯{attempt}")

        def act(which, request=request):
            fresh = Request.objects.get(pk=request.pk)
            if which == "accept":
                return services.request_accept(
                    request=fresh, user=hotline.bureau_handler
                )
            return services.request_reassign(
                request=fresh, user=clerk, unit=hotline.water, reason="供水问题"
            )

        _results, errors = run_in_parallel(act, ["accept", "reassign"])
        assert all(isinstance(error, services.HotlineError) for error in errors)
        request.refresh_from_db()
        # Either the bureau accepted first and was then relieved of it (an
        # accepted request can be reassigned), or the transfer came first and
        # the bureau's acceptance was refused: never accepted by a unit that
        # does not hold it.
        assert (request.status, request.handling_unit) in {
            (Request.Status.ACCEPTED, hotline.bureau),
            (Request.Status.SUBMITTED, hotline.water),
        }


def test_parallel_submissions_get_distinct_references(hotline):
    def submit(number):
        return hotline.submit(place=f"地点{number}").reference

    results, errors = run_in_parallel(submit, range(PARALLEL))
    assert not errors
    assert len(set(results)) == PARALLEL
