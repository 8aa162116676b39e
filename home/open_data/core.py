"""The core's open datasets: units, pledge commitments, open facilities."""

from wagtail.models import Locale

from home import selectors
from home.facilities.selectors import facilities_directory
from home.open_data import Dataset, Field, register
from home.pledges.selectors import pledge_directory


def _units():
    for unit in selectors.units_directory():
        yield (
            unit.slug,
            unit.name,
            unit.kind,
            unit.district.code,
            unit.district.name,
            unit.address,
            unit.website,
            unit.is_verified,
        )


def _pledge_items():
    pledges = pledge_directory().filter(locale=Locale.get_default()).order_by("pk")
    for pledge in pledges:
        for item in pledge.items.all():
            yield (
                pledge.pk,
                pledge.title,
                pledge.unit.name,
                pledge.year,
                pledge.lifecycle,
                item.pk,
                item.category,
                item.title,
                item.target,
                item.due_date,
            )


def _facilities():
    for facility in facilities_directory():
        yield (
            facility.pk,
            facility.name,
            facility.kind,
            facility.unit.name,
            facility.district.code if facility.district_id else "",
            facility.address,
            facility.capacity,
            facility.slot_minutes,
        )


register(
    Dataset(
        slug="units",
        title_zh="参与单位",
        title_en="Units",
        fields=(
            Field("slug", "单位标识", "Unit identifier (URL slug)"),
            Field("name", "单位名称", "Unit name"),
            Field("kind", "单位类型", "Unit type"),
            Field("district_code", "区县代码", "District code"),
            Field("district", "区县", "District"),
            Field("address", "地址", "Address"),
            Field("website", "网站", "Website"),
            Field("is_verified", "已认证", "Verified by the platform"),
        ),
        rows=_units,
    )
)
register(
    Dataset(
        slug="pledge-items",
        title_zh="单位承诺事项",
        title_en="Units' pledge commitments",
        fields=(
            Field("pledge_id", "承诺书编号", "Pledge id"),
            Field("pledge_title", "承诺书标题", "Pledge title"),
            Field("unit", "承诺单位", "Pledging unit"),
            Field("year", "年度", "Year"),
            Field("status", "承诺状态", "Pledge status"),
            Field("item_id", "事项编号", "Commitment id"),
            Field("category", "类别", "Category"),
            Field("title", "承诺内容", "Commitment"),
            Field("target", "可衡量目标", "Measurable target"),
            Field("due_date", "完成期限", "Due date"),
        ),
        rows=_pledge_items,
    )
)
register(
    Dataset(
        slug="facilities",
        title_zh="开放场地",
        title_en="Open facilities",
        fields=(
            Field("id", "场地编号", "Facility id"),
            Field("name", "场地名称", "Name"),
            Field("kind", "场地类型", "Kind"),
            Field("unit", "开放单位", "Unit"),
            Field("district_code", "区县代码", "District code"),
            Field("address", "地址", "Address"),
            Field("capacity", "容纳人数", "Capacity (people)"),
            Field("slot_minutes", "预约时段（分钟）", "Booking slot (minutes)"),
        ),
        rows=_facilities,
    )
)
