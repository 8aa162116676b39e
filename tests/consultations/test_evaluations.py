"""Public evaluation: verified residents rate each unit 1–5 once per open period;
published scorecards show figures that match the database; staff manage periods
and topics in the admin."""

from datetime import timedelta

from django.contrib.messages import get_messages
from django.utils import timezone

import pytest

from consultations.models import EvaluationPeriod, Topic, UnitRating
from consultations.selectors.evaluations import unit_evaluation_score, unit_scorecard
from consultations.services.evaluations import unit_rate
from home.exceptions import ServiceError
from tests.factories import UnitFactory, UserFactory, give_totp

pytestmark = pytest.mark.django_db


def make_period(units, *, state="open", published=False, title="2026年上半年公众评价"):
    now = timezone.now()
    starts_at = {
        "open": now - timedelta(days=3),
        "past": now - timedelta(days=60),
        "upcoming": now + timedelta(days=3),
    }[state]
    period = EvaluationPeriod.objects.create(
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(days=30),
        scorecards_published=published,
    )
    period.units = units
    period.save()
    return period


@pytest.fixture
def rated_units(db):
    return [
        UnitFactory(name="贵阳市民政局", slug="minzheng"),
        UnitFactory(name="贵阳市生态环境局", slug="shengtai"),
    ]


@pytest.fixture
def period(rated_units):
    return make_period(rated_units)


def rate_url(period, unit):
    return f"/en/consultations/evaluations/{period.pk}/units/{unit.pk}/rate/"


def last_message(response):
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


def test_resident_rates_a_unit_once_per_period_and_a_second_rating_is_refused(
    resident_client, resident, period, rated_units
):
    unit = rated_units[0]
    prefix = f"unit-{unit.pk}"
    data = {f"{prefix}-score": "4", f"{prefix}-comment": "答复很及时"}

    first = resident_client.post(rate_url(period, unit), data)

    assert first.status_code == 302
    assert first["Location"].endswith(f"/{period.pk}/#unit-{unit.pk}")
    assert last_message(first) == (
        "Thank you: your rating of 贵阳市民政局 has been recorded."
    )
    rating = UnitRating.objects.get()
    assert (rating.user, rating.unit, rating.score, rating.comment) == (
        resident,
        unit,
        4,
        "答复很及时",
    )

    second = resident_client.post(
        rate_url(period, unit), {f"{prefix}-score": "1", f"{prefix}-comment": ""}
    )

    assert last_message(second) == (
        "You have already rated 贵阳市民政局 in this evaluation period. Each "
        "resident rates each unit once."
    )
    assert UnitRating.objects.get().score == 4
    # The other unit can still be rated.
    other = rated_units[1]
    resident_client.post(rate_url(period, other), {f"unit-{other.pk}-score": "5"})
    assert UnitRating.objects.count() == 2
    # The period page now says what the resident gave instead of the form.
    page = resident_client.get(f"/en/consultations/evaluations/{period.pk}/")
    assert page.content.decode().count("You gave") == 2


def test_out_of_range_scores_are_refused(
    resident_client, resident, period, rated_units
):
    unit = rated_units[0]

    response = resident_client.post(
        rate_url(period, unit), {f"unit-{unit.pk}-score": "7"}
    )

    assert last_message(response) == (
        "Your rating of 贵阳市民政局 was not saved: choose a score from 1 to 5."
    )
    for score in (0, 6, "x"):
        with pytest.raises(ServiceError, match="Give a score from 1 to 5."):
            unit_rate(user=resident, period=period, unit=unit, score=score)
    assert not UnitRating.objects.exists()
    # The refused input comes back with the field's message.
    page = resident_client.get(f"/en/consultations/evaluations/{period.pk}/")
    assert "Select a valid choice" in page.content.decode()


def test_rating_is_refused_outside_an_open_period_or_for_other_units(
    resident, rated_units
):
    unit = rated_units[0]
    past = make_period(rated_units, state="past", title="2025年度")
    upcoming = make_period(rated_units, state="upcoming", title="2026年下半年")
    for closed in (past, upcoming):
        with pytest.raises(ServiceError, match="not open for ratings"):
            unit_rate(user=resident, period=closed, unit=unit, score=3)
    open_period = make_period(rated_units[:1], title="本期")
    with pytest.raises(ServiceError, match="not rated in this evaluation period"):
        unit_rate(user=resident, period=open_period, unit=rated_units[1], score=3)
    with pytest.raises(ServiceError, match="Verify your email address"):
        unit_rate(
            user=UserFactory(verified=False), period=open_period, unit=unit, score=3
        )
    with pytest.raises(ServiceError, match="under 1000 characters"):
        unit_rate(
            user=resident, period=open_period, unit=unit, score=3, comment="长" * 1001
        )
    assert not UnitRating.objects.exists()


def test_period_page_offers_one_plain_form_per_unit(resident_client, period):
    html = resident_client.get(f"/en/consultations/evaluations/{period.pk}/").content
    html = html.decode()

    assert html.count('method="post"') >= 2  # plus the sign-out form
    for unit in period.units.all():
        assert (
            f'action="/en/consultations/evaluations/{period.pk}/units/{unit.pk}/rate/"'
            in html
        )
        assert f"Your score for {unit.name}" in html
    assert "<legend" in html


def test_signed_out_visitors_are_asked_to_sign_in(client, period):
    html = client.get(f"/en/consultations/evaluations/{period.pk}/").content.decode()

    assert "to rate the units." in html
    assert "Submit rating" not in html


def test_scorecard_figures_match_the_database_and_show_no_names(client, rated_units):
    unit = rated_units[0]
    period = make_period(rated_units, published=False)
    people = [UserFactory(display_name=f"评价人{n}") for n in range(6)]
    scores = [5, 5, 4, 3, 1, 4]
    for user, score in zip(people, scores, strict=True):
        unit_rate(
            user=user,
            period=period,
            unit=unit,
            score=score,
            comment="服务很好" if score == 5 else "",
        )

    assert (
        client.get(
            f"/en/consultations/evaluations/{period.pk}/units/{unit.slug}/"
        ).status_code
        == 404
    )
    period.scorecards_published = True
    period.save()

    scorecard = unit_scorecard(period=period, unit=unit)
    ratings = UnitRating.objects.filter(period=period, unit=unit)
    assert scorecard["count"] == ratings.count() == 6
    assert scorecard["average"] == round(sum(scores) / len(scores), 2) == 3.67
    bars = {row["count"] for row in scorecard["chart"]["rows"]}
    for score, row in zip((5, 4, 3, 2, 1), scorecard["chart"]["rows"], strict=True):
        assert row["count"] == ratings.filter(score=score).count()
    assert bars
    page = client.get(f"/en/consultations/evaluations/{period.pk}/units/{unit.slug}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "3.67" in html
    assert 'role="img"' in html
    assert html.count("服务很好") == 2
    assert not any(person.display_name in html for person in people)
    period_page = client.get(f"/en/consultations/evaluations/{period.pk}/")
    assert "3.67" in period_page.content.decode()


def test_unit_evaluation_score_uses_the_latest_published_period(rated_units):
    unit = rated_units[0]
    assert unit_evaluation_score(unit=unit) is None
    older = make_period(rated_units, state="past", published=True, title="2025年度")
    newer = make_period(rated_units, state="open", published=True, title="2026年")
    make_period(rated_units, state="open", published=False, title="未公布")
    UnitRating.objects.create(period=older, unit=unit, user=UserFactory(), score=1)
    for score in (5, 4):
        UnitRating.objects.create(
            period=newer, unit=unit, user=UserFactory(), score=score
        )

    score = unit_evaluation_score(unit=unit)

    assert score["period"] == newer
    assert (score["average"], score["count"]) == (4.5, 2)
    assert score["url"].endswith(
        f"/consultations/evaluations/{newer.pk}/units/{unit.slug}/"
    )


def test_evaluation_list_shows_current_and_past_periods(client, rated_units):
    make_period(rated_units, title="本期公众评价")
    make_period(rated_units, state="past", published=True, title="上期公众评价")

    html = client.get("/en/consultations/evaluations/").content.decode()

    current, past = html.split("Past periods")
    assert "本期公众评价" in current and "上期公众评价" in past
    assert "Scorecards published" in past


@pytest.fixture
def staff_client(client):
    staff = UserFactory(email="staff@example.cn", is_staff=True, is_superuser=True)
    give_totp(staff)
    client.force_login(staff)
    return client


def test_staff_manage_periods_and_topics_in_the_admin(staff_client, period):
    listing = staff_client.get("/admin/evaluationperiod/?scorecards_published=false")
    assert listing.status_code == 200
    assert period.title in listing.content.decode()
    assert staff_client.get("/admin/evaluationperiod/new/").status_code == 200
    ratings = staff_client.get("/admin/unitrating/")
    assert ratings.status_code == 200
    # Ratings come from residents only.
    assert staff_client.get("/admin/unitrating/new/").status_code in (302, 403)

    Topic.objects.create(name="养老服务", slug="elderly-care")
    topics = staff_client.get("/admin/consultation_topics/?q=养老")
    assert topics.status_code == 200
    html = topics.content.decode()
    assert "养老服务" in html and "城市管理" not in html


@pytest.fixture(autouse=True)
def _messages_in_english():
    """These tests read the services' messages in English (the msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield
