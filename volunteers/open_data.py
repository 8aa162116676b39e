"""Volunteering's open dataset (home.open_data): activities' shifts with their
places — no volunteer's name or contact."""

from django.utils import timezone

from home.open_data import Dataset, Field, register
from volunteers.selectors.activities import public_activities


def _shifts():
    for activity in public_activities(now=timezone.now()).order_by("pk"):
        for shift in activity.prefetched_shifts:
            yield (
                activity.pk,
                activity.title,
                activity.unit.name,
                activity.category,
                activity.district.code if activity.district_id else "",
                activity.place,
                shift.pk,
                shift.starts_at,
                shift.ends_at,
                shift.capacity,
                shift.places_left,
            )


register(
    Dataset(
        slug="activity-shifts",
        title_zh="志愿服务活动班次",
        title_en="Volunteering activities' shifts",
        fields=(
            Field("activity_id", "活动编号", "Activity id"),
            Field("activity", "活动名称", "Activity"),
            Field("unit", "组织单位", "Organising unit"),
            Field("category", "服务类别", "Category"),
            Field("district_code", "区县代码", "District code"),
            Field("place", "地点", "Place"),
            Field("shift_id", "班次编号", "Shift id"),
            Field("starts_at", "开始时间", "Starts at"),
            Field("ends_at", "结束时间", "Ends at"),
            Field("capacity", "名额", "Places"),
            Field("places_left", "剩余名额", "Places left"),
        ),
        rows=_shifts,
    )
)
