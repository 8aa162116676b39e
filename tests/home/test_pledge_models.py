"""Pledge pages: the tree, one pledge per unit and year, the letter's file type,
and the lifecycle derived from the clock."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from wagtail.documents import get_document_model
from wagtail.models import Workflow

import pytest

from home.models import PledgeIndexPage, PledgePage, PledgeStatus, UnitPledgesPage
from home.pledges.selectors import live_pledges_with_status
from home.pledges.services import (
    PLEDGE_REVIEWERS_GROUP,
    pledge_folder_for,
    pledge_index_ensure,
)
from tests.clock import at
from tests.factories import UnitFactory
from tests.home.factories import make_pledge, make_report

pytestmark = pytest.mark.django_db


def test_folder_is_created_once_under_the_directory(unit):
    folder = pledge_folder_for(unit)
    assert pledge_folder_for(unit).pk == folder.pk
    index = PledgeIndexPage.objects.get()
    assert folder.get_parent().pk == index.pk
    assert folder.slug == unit.slug
    assert unit.pledge_folder == folder
    assert UnitPledgesPage.unit_group_can_publish is False


def test_directory_gets_the_review_workflow():
    index = pledge_index_ensure()
    workflow = index.get_workflow()
    assert workflow is not None
    assert workflow.name.startswith("单位承诺书审核")
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == [PLEDGE_REVIEWERS_GROUP]
    pledge_index_ensure()  # idempotent
    assert Workflow.objects.filter(name=workflow.name).count() == 1


def test_pledge_takes_its_unit_from_the_folder_and_a_default_deadline(unit):
    pledge = make_pledge(unit, year=2025)
    assert pledge.unit == unit
    assert pledge.report_deadline == datetime.date(2026, 1, 31)
    assert [item.title for item in pledge.items.all()][0] == "保障职工合法权益"


def test_one_pledge_per_unit_and_year(unit):
    make_pledge(unit, year=2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_pledge(unit, year=2025, slug="another-2025")
    # The database refuses it too, whatever bypasses the form and clean().
    next_year = make_pledge(unit, year=2026)
    with pytest.raises(IntegrityError), transaction.atomic():
        PledgePage.objects.filter(pk=next_year.pk).update(year=2025)
    other = UnitFactory()
    assert make_pledge(other, year=2025).year == 2025


def test_the_letter_must_be_a_pdf_or_an_image(unit):
    pledge = make_pledge(unit, year=2025)
    letter = get_document_model().objects.create(
        title="letter", file=ContentFile(b"hello", name="letter.docx")
    )
    pledge.signed_letter = letter
    with pytest.raises(ValidationError) as error:
        pledge.full_clean()
    assert "signed_letter" in error.value.message_dict
    letter.file.save("letter.pdf", ContentFile(b"%PDF-1.4"), save=True)
    pledge.signed_letter = letter
    pledge.full_clean()


def test_draft_and_submitted_before_publication(unit):
    pledge = make_pledge(unit, year=2025, publish=False)
    assert pledge.status_at() == PledgeStatus.DRAFT
    pledge.in_moderation = True
    assert pledge.status_at() == PledgeStatus.SUBMITTED


def _status_both_ways(pledge, day):
    """The model's status and the directory's SQL status at ``day`` agree."""
    with at(day):
        fresh = PledgePage.objects.get(pk=pledge.pk)
        model_status = fresh.status_at()
    sql_status = (
        live_pledges_with_status(today=day)
        .values_list("lifecycle", flat=True)
        .get(pk=pledge.pk)
    )
    assert model_status == sql_status
    return model_status


def test_lifecycle_follows_the_clock(unit):
    pledge = make_pledge(unit, year=2025)
    assert _status_both_ways(pledge, datetime.date(2025, 6, 1)) == "published"
    # 60 days before the deadline of 31 January 2026, and after the year ends.
    assert _status_both_ways(pledge, datetime.date(2025, 12, 5)) == "report_due"
    assert _status_both_ways(pledge, datetime.date(2026, 1, 31)) == "report_due"
    assert _status_both_ways(pledge, datetime.date(2026, 2, 1)) == "lapsed"


def test_a_published_annual_report_fulfils_the_pledge(unit):
    pledge = make_pledge(unit, year=2025)
    make_report(pledge, annual=False)
    assert _status_both_ways(pledge, datetime.date(2026, 2, 1)) == "lapsed"
    make_report(pledge, annual=True, published=False)
    assert _status_both_ways(pledge, datetime.date(2026, 2, 1)) == "lapsed"
    make_report(pledge, annual=True)
    assert _status_both_ways(pledge, datetime.date(2026, 2, 1)) == "fulfilled"
    assert _status_both_ways(pledge, datetime.date(2025, 6, 1)) == "fulfilled"


def test_configured_deadline_is_used(unit):
    pledge = make_pledge(unit, year=2025, report_deadline=datetime.date(2026, 3, 31))
    assert _status_both_ways(pledge, datetime.date(2026, 2, 15)) == "report_due"
    assert _status_both_ways(pledge, datetime.date(2026, 4, 1)) == "lapsed"
