"""Rows of the URL × role matrix: the public JSON API under /api/v1/ (config/api.py)
and the open-data page. Public and read-only: every role gets the same answer."""

from tests.security.matrix_table import Row, expect

ROWS = {
    "home:open_data": Row(expect("200")),
    "api:schema": Row(expect("200")),
    "api:docs": Row(expect("200")),
    "api:redoc": Row(expect("200")),
    "api:not_found": Row(expect("404"), path="/api/v1/no-such-thing/"),
    "api:unit_list": Row(expect("200")),
    "api:unit_detail": Row(expect("200"), slug="unit_a.slug"),
    "api:pledge_list": Row(expect("200")),
    "api:pledge_detail": Row(expect("200"), pk="pledge.pk"),
    "api:facility_list": Row(expect("200")),
    "api:facility_detail": Row(expect("200"), pk="facility.pk"),
    "api:open_data_files": Row(expect("200")),
    "api:consultation_list": Row(expect("200")),
    "api:consultation_detail": Row(expect("200"), pk="consultation.pk"),
    "api:consultation_comments": Row(expect("200"), pk="consultation.pk"),
    # The world's consultation is still open: no results before it closes.
    "api:consultation_results": Row(expect("404"), pk="consultation.pk"),
    "api:answer_rates_units": Row(expect("200")),
    "api:answer_rates_months": Row(expect("200")),
    "api:evaluation_list": Row(expect("200")),
    "api:evaluation_detail": Row(expect("200"), pk="evaluation_period.pk"),
    "api:activity_list": Row(expect("200")),
    "api:activity_detail": Row(expect("200"), pk="activity.pk"),
    "api:leaderboard": Row(expect("200")),
    "api:hotline_request_list": Row(expect("200")),
    "api:hotline_unit_figures": Row(expect("200")),
}
