"""The consultation index: filters (GET, no JavaScript needed) and a paginated list.

The page is served by Wagtail; ``ConsultationIndexPage.get_context`` calls
``index_context``. The number of queries does not depend on the number of
consultations or comments."""

from django.core.paginator import Paginator
from django.utils import timezone

from consultations.forms.index import ConsultationFilterForm
from consultations.selectors.answer_rates import answer_rate
from consultations.selectors.index import (
    consultations_for_index,
    index_filter_choices,
)

CONSULTATIONS_PER_PAGE = 10


def index_context(request, *, index_page):
    if index_page.pk is None:  # an editor's preview of an index not saved yet
        return {"page_obj": None, "filter_form": None, "filters": {}}
    choices = index_filter_choices(index_page=index_page)
    form = ConsultationFilterForm(request.GET, **choices)
    filters = form.filters()
    consultations = consultations_for_index(
        index_page=index_page,
        now=timezone.now(),
        topic=filters["topic"],
        district=filters["district"],
        unit=filters["unit"],
        phase=filters["phase"],
        query=filters["q"],
    )
    page = Paginator(consultations, CONSULTATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = list(page.object_list)
    for consultation in page.object_list:
        consultation.answer_rate = answer_rate(
            answered=consultation.answered_comment_count,
            published=consultation.published_comment_count,
        )
    return {
        "filter_form": form,
        "filters": filters,
        "is_filtered": any(filters.values()),
        "page_obj": page,
        **choices,
    }
