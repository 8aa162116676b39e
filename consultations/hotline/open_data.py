"""The 12319 line's open dataset (home.open_data): the anonymised public board
— reference, category, district, handling unit, status, dates and the unit's
latest answer; never a name, phone, account or lookup code, no photos."""

from home.open_data import Dataset, Field, register

from .selectors import public_board


def _board():
    for request in public_board().order_by("pk").iterator(chunk_size=500):
        replies = list(request.replies.all())
        yield (
            request.reference,
            request.category.name,
            request.district.name if request.district_id else "",
            request.handling_unit.name if request.handling_unit_id else "",
            request.status,
            request.created_at,
            request.replied_at,
            request.closed_at,
            replies[-1].body if replies else "",
        )


register(
    Dataset(
        slug="hotline-requests",
        title_zh="12319 公开诉求",
        title_en="12319 public requests",
        fields=(
            Field("reference", "诉求编号", "Reference"),
            Field("category", "诉求类别", "Category"),
            Field("district", "区县", "District"),
            Field("handling_unit", "承办单位", "Handling unit"),
            Field("status", "办理状态", "Status"),
            Field("created_at", "提交时间", "Submitted at"),
            Field("replied_at", "答复时间", "Replied at"),
            Field("closed_at", "办结时间", "Closed at"),
            Field("answer", "承办单位答复", "The unit's answer"),
        ),
        rows=_board,
    )
)
