"""The results figures are stored when the results are published (a plain row,
not revision data) and never outlive what they count: an official reply or a
moderation decision after publication shows in the next reading."""

from datetime import timedelta

from django.utils import timezone

import pytest

from consultations.models import (
    ConsultationPage,
    ConsultationResultsFigures,
    OfficialReply,
    Outcome,
    Violation,
)
from consultations.selectors.results import consultation_results
from consultations.services.moderation import comment_moderate
from consultations.services.results import results_publish
from tests.consultations.factories import make_comment, make_consultation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_figures_stored_on_publishing_and_forgotten_on_change(
    consultation_index, issuing_unit, resident, django_assert_max_num_queries
):
    page = make_consultation(consultation_index, unit=issuing_unit, phase="open")
    first = make_comment(page, resident)
    second = make_comment(page, UserFactory())
    ConsultationPage.objects.filter(pk=page.pk).update(
        closes_at=timezone.now() - timedelta(days=1)
    )
    page = ConsultationPage.objects.get(pk=page.pk)
    staff = UserFactory(is_staff=True, is_superuser=True)
    results_publish(actor=staff, consultation=page)
    stored = ConsultationResultsFigures.objects.get(consultation=page)
    assert sum(stored.figures["clause_counts"].values()) == 2
    page = ConsultationPage.objects.get(pk=page.pk)
    with django_assert_max_num_queries(2):
        results = consultation_results(consultation=page)
    assert (results.published_count, results.answered_count) == (2, 0)

    OfficialReply.objects.create(comment=first, outcome=Outcome.ADOPTED, body="采纳。")
    assert consultation_results(consultation=page).answered_count == 1

    comment_moderate(
        moderator=staff,
        comment=second,
        action="reject",
        reason="人身攻击",
        violation=Violation.values[0],
    )
    assert consultation_results(consultation=page).published_count == 1
