"""``results_published_at`` is operational state (written by the "publish the
results" service, never by the editor): publishing an older revision keeps it,
and a copy of a concluded consultation starts unconcluded (issue 11)."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.models import ConsultationPage
from tests.consultations.factories import make_consultation
from tests.factories import UserFactory, give_totp

pytestmark = pytest.mark.django_db


def test_scheduled_publishing_of_an_older_draft_keeps_the_results(
    consultation_index, issuing_unit
):
    page = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    draft = page.save_revision()
    ConsultationPage.objects.filter(pk=page.pk).update(
        results_published_at=timezone.now()
    )
    draft.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    draft.save(update_fields=["approved_go_live_at"])
    call_command("publish_scheduled")
    assert ConsultationPage.objects.get(pk=page.pk).results_published_at is not None


def test_a_copy_of_a_concluded_consultation_is_not_concluded(
    client, consultation_index, issuing_unit
):
    page = make_consultation(consultation_index, unit=issuing_unit, phase="concluded")
    admin = UserFactory(is_staff=True, is_superuser=True)
    give_totp(admin)
    client.force_login(admin)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {
            "new_title": "下一期征求意见",
            "new_slug": "next-round",
            "new_parent_page": consultation_index.pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    copy = ConsultationPage.objects.get(slug="next-round")
    assert copy.results_published_at is None
    assert ConsultationPage.objects.get(pk=page.pk).results_published_at is not None
