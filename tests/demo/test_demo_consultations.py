"""`manage.py seed_consultations` (run by seed_demo) fills the site with believable
consultations in every phase, and running it again changes nothing."""

from collections import Counter
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Locale

import pytest

from consultations import demo
from consultations.models import (
    Comment,
    CommentFlag,
    ConsultationIndexPage,
    ConsultationPage,
    EvaluationPeriod,
    OfficialReply,
    Outcome,
    Phase,
    ReplyTemplate,
    SurveyResponse,
    UnitRating,
)
from home.models import HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock_stands_still")]


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"consultations", "wagtailcore", "home"}
    }


@pytest.fixture
def seeded(demo):
    return demo


def seed_consultations() -> str:
    out = StringIO()
    call_command("seed_consultations", force=True, stdout=out)
    return out.getvalue()


def test_seed_consultations_refuses_to_run_with_debug_off_unless_forced(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_consultations", stdout=StringIO())


def test_seed_consultations_twice_gives_the_same_rows_and_the_same_text(seeded):
    assert "Demo consultations ready" in seeded
    before = row_counts()
    slug = "shenghuo-laji-fenlei"
    bodies = list(
        Comment.objects.filter(consultation__slug=slug)
        .order_by("created_at", "pk")
        .values_list("body", "clause_id", "status")
    )

    second = seed_consultations()

    assert row_counts() == before
    stats = [line for line in second.splitlines() if line.endswith(" unchanged")]
    assert stats and all("0 created, 0 updated" in line for line in stats)

    # The same content comes back when a consultation's comments are regenerated.
    Comment.objects.filter(consultation__slug=slug).delete()
    seed_consultations()
    again = list(
        Comment.objects.filter(consultation__slug=slug)
        .order_by("created_at", "pk")
        .values_list("body", "clause_id", "status")
    )
    assert again == bodies


def test_demo_has_every_phase_every_outcome_and_hundreds_of_comments(seeded):
    consultations = list(ConsultationPage.objects.live())
    phases = Counter(page.phase for page in consultations)
    assert phases[Phase.UPCOMING] == 2
    assert phases[Phase.OPEN] == 3
    assert phases[Phase.CLOSED] == 2
    assert phases[Phase.CONCLUDED] == 2
    assert all(5 <= len(page.clause_list) <= 12 for page in consultations)
    assert len({page.unit_id for page in consultations}) >= 4

    assert Comment.objects.count() >= 300
    assert Comment.objects.exclude(clause_id="").exists()
    assert Comment.objects.filter(clause_id="").exists()
    assert Comment.objects.filter(show_masked_name=True).exists()
    assert Comment.objects.filter(status="pending").count() >= 3
    hidden = Comment.objects.filter(status="hidden")
    assert hidden.exists()
    assert all(c.flag_count >= c.consultation.flag_threshold for c in hidden)
    assert CommentFlag.objects.filter(comment__in=hidden).count() == sum(
        c.flag_count for c in hidden
    )
    outcomes = set(OfficialReply.objects.values_list("outcome", flat=True))
    assert outcomes == set(Outcome.values)
    assert not OfficialReply.objects.filter(outcome="not_adopted", reason="").exists()

    now = timezone.now()
    for page in consultations:
        published = page.comments.filter(status="published")
        unanswered = published.filter(reply__isnull=True)
        if page.phase == Phase.CONCLUDED:
            assert published.count() >= 30
            assert not unanswered.exists()
            assert page.results_summary and page.results_published_at
        elif page.phase == Phase.CLOSED:
            assert published.filter(reply__isnull=False).exists()
            assert unanswered.exists()
        for comment in page.comments.all()[:20]:
            assert comment.due_at == page.reply_due_for(comment.created_at)
            assert page.opens_at <= comment.created_at <= now
    overdue = Comment.objects.filter(
        status="published", reply__isnull=True, due_at__lt=now
    )
    assert overdue.exists()
    replies = OfficialReply.objects.select_related("comment__consultation__unit")
    for reply in replies[:50]:
        unit = reply.comment.consultation.unit
        assert reply.responder.unit_memberships.filter(
            unit=unit, role="responder"
        ).exists()
        assert reply.created_at > reply.comment.created_at

    surveyed = ConsultationPage.objects.filter(survey_responses__isnull=False)
    assert surveyed.distinct().count() == 2
    assert SurveyResponse.objects.count() >= 30
    period = EvaluationPeriod.objects.get(scorecards_published=True)
    assert UnitRating.objects.filter(period=period).count() >= 100
    assert ReplyTemplate.objects.values("unit").distinct().count() == len(
        demo.REPLY_TEMPLATE_UNITS
    )


def test_demo_pages_are_published_listed_and_searchable(seeded, client):
    home = HomePage.objects.get(locale=Locale.get_default())
    index = ConsultationIndexPage.objects.get(slug="consultations")
    assert index.title == "公众参与决策" and index.show_in_menus and index.live
    assert index.get_parent().pk == home.pk
    listings = [
        block.value["index_page"].pk
        for block in home.body
        if block.block_type == "listing"
    ]
    assert listings.count(index.pk) == 1

    assert client.get("/en/consultations/").status_code == 200
    for page in ConsultationPage.objects.live():
        assert client.get(page.url).status_code == 200
    assert client.get("/en/consultations/evaluations/").status_code == 200
    period = EvaluationPeriod.objects.get(scorecards_published=True)
    unit = period.units.first()
    scorecard = f"/en/consultations/evaluations/{period.pk}/units/{unit.slug}/"
    assert client.get(scorecard).status_code == 200

    # A word from inside a clause finds its consultation.
    results = client.get("/en/search/", {"q": "随迁子女"}).content.decode()
    assert "贵阳市流动人口积分制管理办法（征求意见稿）" in results
