"""One survey response per resident and one rating per unit and period hold under
parallel requests (PostgreSQL: SQLite serialises writers, so it cannot show a
race)."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from consultations.models import (
    EvaluationPeriod,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    UnitRating,
)
from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.consultations.factories import make_consultation
from tests.factories import UnitFactory, UserFactory

pytestmark = POSTGRES_ONLY

PARALLEL = 16


def post_in_parallel(user, url, data):
    """POST the same form as ``user`` from PARALLEL threads released together;
    returns the status codes."""
    clients = []
    for _number in range(PARALLEL):
        client = Client()
        client.force_login(user)
        clients.append(client)
    codes, errors = run_in_parallel(
        lambda client: client.post(url, data).status_code, clients
    )
    assert errors == []
    return codes


def test_parallel_survey_submissions_by_one_resident_store_one_response(
    consultation_index, issuing_unit
):
    page = make_consultation(consultation_index, unit=issuing_unit)
    question = SurveyQuestion.objects.create(
        consultation=page, kind="rating", prompt="您对收运服务打几分？"
    )
    resident = UserFactory()

    codes = post_in_parallel(
        resident,
        f"/en/consultations/{page.pk}/survey/",
        {f"survey-q{question.pk}": "4"},
    )

    assert codes == [302] * PARALLEL
    assert SurveyResponse.objects.filter(consultation=page, user=resident).count() == 1
    assert SurveyAnswer.objects.count() == 1


def test_parallel_ratings_by_one_resident_store_one_rating():
    unit = UnitFactory(name="贵阳市民政局")
    now = timezone.now()
    period = EvaluationPeriod(
        title="本期", starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=9)
    )
    period.units = [unit]
    period.save()
    resident = UserFactory()

    codes = post_in_parallel(
        resident,
        f"/en/consultations/evaluations/{period.pk}/units/{unit.pk}/rate/",
        {f"unit-{unit.pk}-score": "5"},
    )

    assert codes == [302] * PARALLEL
    assert UnitRating.objects.filter(period=period, unit=unit).count() == 1
