"""Reads for the consultation index: the filtered, ordered list with its figures.

The phase is derived from the clock (``ConsultationPage.phase_at``); here the same
rule is written as SQL conditions, so that filtering, ordering and pagination all
happen in the database."""

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from wagtail.models import Locale

from consultations.models import (
    Comment,
    ConsultationPage,
    Phase,
    Topic,
    answer_rate_counted,
)
from consultations.selectors.answer_rates import answer_rate
from home.models import District, Unit
from home.search import query_terms

CONSULTATIONS_PER_PAGE = 10


def _comment_count(**conditions):
    counted = (
        Comment.objects.filter(
            answer_rate_counted(), consultation=OuterRef("pk"), **conditions
        )
        .order_by()
        .values("consultation")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def phase_condition(phase: str, *, now) -> Q:
    """The SQL condition equivalent to ``ConsultationPage.phase_at(now) == phase``."""
    not_concluded = Q(results_published_at__isnull=True)
    conditions = {
        Phase.UPCOMING: not_concluded & Q(opens_at__gt=now),
        Phase.OPEN: not_concluded & Q(opens_at__lte=now, closes_at__gt=now),
        Phase.CLOSED: not_concluded & Q(closes_at__lte=now),
        Phase.CONCLUDED: Q(results_published_at__isnull=False),
    }
    return conditions[Phase(phase)]


def consultations_for_index(
    *,
    index_page,
    now,
    topic: str = "",
    district: str = "",
    unit: str = "",
    phase: str = "",
    query: str = "",
) -> QuerySet[ConsultationPage]:
    """The index's live, public consultations, filtered by topic slug, district
    code, unit slug, phase and search words, each annotated with
    ``published_comment_count`` and ``answered_comment_count`` (one grouped query,
    no query per item). Ordered: open (closing soonest first), upcoming (opening
    soonest first), then closed and concluded (most recently closed first)."""
    consultations = (
        ConsultationPage.objects.live()
        .public()
        .select_related("unit", "topic", "district")
    )
    # None: every index's (the API's list, the open-data files).
    if index_page is not None:
        consultations = consultations.child_of(index_page)
    if topic:
        consultations = consultations.filter(topic__slug=topic)
    if district:
        consultations = consultations.filter(district__code=district)
    if unit:
        consultations = consultations.filter(unit__slug=unit)
    if phase:
        consultations = consultations.filter(phase_condition(phase, now=now))
    terms = query_terms(query)
    if terms:
        consultations = consultations.filter(pk__in=_search_ids(terms, index_page))
    return consultations.annotate(
        # Correlated counts use the comment index; a JOIN + GROUP BY over the page
        # columns took ~250 ms for one consultation with 10,000 comments (SQLite).
        published_comment_count=_comment_count(),
        answered_comment_count=_comment_count(reply__isnull=False),
        phase_rank=Case(
            When(phase_condition(Phase.OPEN, now=now), then=Value(0)),
            When(phase_condition(Phase.UPCOMING, now=now), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        # Within a rank every row has the same kind of key, so NULL ordering
        # (which differs between SQLite and PostgreSQL) never mixes groups.
        soonest=Case(
            When(phase_condition(Phase.OPEN, now=now), then=F("closes_at")),
            When(phase_condition(Phase.UPCOMING, now=now), then=F("opens_at")),
            default=Value(None),
            output_field=DateTimeField(),
        ),
        latest=Case(
            When(
                Q(results_published_at__isnull=False) | Q(closes_at__lte=now),
                then=F("closes_at"),
            ),
            default=Value(None),
            output_field=DateTimeField(),
        ),
    ).order_by("phase_rank", "soonest", "-latest", "-pk")


def public_consultations(*, now, **filters) -> QuerySet[ConsultationPage]:
    """Every index's live, public consultations (``consultations_for_index``
    with its filters) in the site's main language — a translation is the same
    consultation: the API's list and the open-data files."""
    return consultations_for_index(index_page=None, now=now, **filters).filter(
        locale=Locale.get_default()
    )


def _search_ids(terms: list[str], index_page) -> list[int]:
    """Ids of the index's consultations whose text holds every term, through the
    same Chinese-aware index as the site search (home/search.py)."""
    pages = ConsultationPage.objects.live()
    if index_page is not None:
        pages = pages.child_of(index_page)
    results = pages.search(" ".join(terms), operator="and", order_by_relevance=False)
    return [page.pk for page in results[:500]]


def index_filter_choices(*, index_page) -> dict:
    """The options of the index's filter form: every topic and district, and the
    units that have issued a consultation under this index."""
    unit_ids = ConsultationPage.objects.live().child_of(index_page).values("unit_id")
    return {
        "topics": list(Topic.objects.order_by("name")),
        "districts": list(District.objects.all()),
        "units": list(Unit.objects.filter(pk__in=unit_ids).order_by("name")),
    }


def consultation_index_page(
    *,
    index_page,
    now,
    filters: dict[str, str],
    page_number=None,
    per_page: int = CONSULTATIONS_PER_PAGE,
) -> Page:
    """One page of the index's list (``consultations_for_index`` with the filter
    form's values), each consultation carrying its ``answer_rate``. The number of
    queries does not depend on the number of consultations or comments."""
    consultations = consultations_for_index(
        index_page=index_page,
        now=now,
        topic=filters["topic"],
        district=filters["district"],
        unit=filters["unit"],
        phase=filters["phase"],
        query=filters["q"],
    )
    page = Paginator(consultations, per_page).get_page(page_number)
    page.object_list = list(page.object_list)
    for consultation in page.object_list:
        consultation.answer_rate = answer_rate(
            answered=consultation.answered_comment_count,
            published=consultation.published_comment_count,
        )
    return page
