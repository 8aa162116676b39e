"""The flash crowd of `make bench` and of its CI variant (test_flash_crowd.py):
signed-in volunteers (sessions made directly, as a sign-in would make them) all
press "sign up" at once over HTTP for one shift, and residents post comments
without pause. Counts what the server answered and what the database holds."""

import http.client
import threading
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone
from django.utils.module_loading import import_string

from home.city.pages import add_live_page
from home.consent.selectors import policy_current_versions
from home.models import ConsentRecord, Unit, User
from volunteers.city import activity_index, unit_folder
from volunteers.models import ActivityPage, Shift, Signup, Volunteer

CSRF_TOKEN = "benchCrowdCsrfToken0123456789abc"  # 32 characters, as Django's secret


def sign_in(users) -> list[str]:
    """A session for each user, as signing in would store it: their cookies."""
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    current = list(policy_current_versions().values())
    ConsentRecord.objects.bulk_create(
        (
            ConsentRecord(user=user, policy_version=version, method="demo")
            for user in users
            for version in current
        ),
        ignore_conflicts=True,  # accepted on an earlier run
    )
    cookies = []
    for user in users:
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        cookies.append(
            f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={CSRF_TOKEN}"
        )
    return cookies


def crowd_shift(places: int) -> Shift:
    """A new activity of a city unit (or any unit) with one shift of ``places``,
    open for sign-up."""
    unit = (
        Unit.objects.filter(slug__startswith="city-unit-").order_by("pk").first()
        or Unit.objects.order_by("pk").first()
    )
    folder = unit_folder(activity_index(), unit)
    now = timezone.now().replace(second=0, microsecond=0)
    number = ActivityPage.objects.filter(slug__startswith="crowd-").count()
    page = ActivityPage(
        title=f"热门志愿服务（抢报）第{number}场",
        slug=f"crowd-{number}",
        unit=unit,
        category="community",
        summary="压测：名额有限，先到先得。",
        district_id=unit.district_id,
        place="市民广场",
        signup_opens_at=now - timedelta(hours=1),
        signup_closes_at=now + timedelta(days=5),
    )
    page.shifts = [
        Shift(
            starts_at=now + timedelta(days=7),
            ends_at=now + timedelta(days=7, hours=3),
            capacity=places,
            role="引导员",
        )
    ]
    add_live_page(folder, page)
    return Shift.objects.select_related("activity").get(activity=page)


def signup_path(shift: Shift) -> str:
    page = shift.activity.specific
    return page.url + page.reverse_subpage("shift_signup", args=[shift.pk])


def post(host, port, path, cookie, body="", timeout=120):
    """One POST as a browser form sends it: the status (0 on no answer)."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                "Cookie": cookie,
                "X-CSRFToken": CSRF_TOKEN,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{host}:{port}{path}",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        connection.close()


def all_at_once(call, arguments, *, at_most=None) -> list:
    """``call(argument)`` for every argument, each in its own thread, released
    together (``at_most`` of them in flight at once, if given): the results in
    order."""
    barrier = threading.Barrier(len(arguments))
    slots = threading.BoundedSemaphore(at_most or len(arguments))
    results = [None] * len(arguments)

    def run(index, argument):
        barrier.wait()
        with slots:
            results[index] = call(argument)

    threads = [
        threading.Thread(target=run, args=(index, argument))
        for index, argument in enumerate(arguments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def flash_crowd(
    host, port, volunteers: list[Volunteer], places: int, *, at_most=None
) -> dict:
    """Everyone signs up for one shift of ``places`` at the same moment."""
    shift = crowd_shift(places)
    path = signup_path(shift)
    cookies = sign_in([volunteer.user for volunteer in volunteers])
    statuses = all_at_once(
        lambda cookie: post(host, port, path, cookie), cookies, at_most=at_most
    )
    signups = Signup.objects.filter(shift=shift)
    return {
        "people": len(volunteers),
        "places": places,
        "statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))},
        "server_errors": sum(1 for s in statuses if s == 0 or s >= 500),
        "confirmed": signups.filter(status=Signup.Status.CONFIRMED).count(),
        "waitlisted": signups.filter(status=Signup.Status.WAITLISTED).count(),
        "places_taken": Shift.objects.get(pk=shift.pk).confirmed_count,
    }


def comment_body(number: int) -> str:
    return urlencode({"body": f"压测意见{number}：建议增设分类垃圾桶。", "clause": ""})


def residents(count: int) -> list[User]:
    return list(
        User.objects.filter(email__endswith="@city.example.cn").order_by("-pk")[:count]
    )
