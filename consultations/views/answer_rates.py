"""The city-wide table of units by answer rate and median time to answer."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from consultations.selectors.answer_rates import (
    ANSWER_RATE_SORTS,
    DEFAULT_ANSWER_RATE_SORT,
    unit_answer_rates,
)

# The direction of each column's first sort: best figures first.
FIRST_DIRECTION = {
    "name": "ascending",
    "comments": "descending",
    "rate": "descending",
    "median": "ascending",
}


@require_GET
def answer_rates(request):
    sort = request.GET.get("sort", DEFAULT_ANSWER_RATE_SORT)
    if sort not in ANSWER_RATE_SORTS:
        sort = DEFAULT_ANSWER_RATE_SORT
    rows = unit_answer_rates(sort=sort)
    # Each column header links to its sort, or to the reverse when it is current;
    # aria-sort tells screen readers which column orders the table, and how.
    columns = {}
    for column, direction in FIRST_DIRECTION.items():
        opposite = "ascending" if direction == "descending" else "descending"
        columns[column] = {
            "next": f"-{column}" if sort == column else column,
            "aria_sort": direction
            if sort == column
            else opposite
            if sort == f"-{column}"
            else "",
        }
    return render(
        request,
        "consultations/answer_rates.html",
        {"rows": rows, "sort": sort, "columns": columns},
    )
