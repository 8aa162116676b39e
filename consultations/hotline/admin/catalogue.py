"""Admin screens of what staff edit on the hotline: categories, routing rules,
district platforms, time limits and the holiday calendar (registered in
consultations/hotline/wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet

from ..models import Category, DistrictPlatform, Holiday, RoutingRule, TimeLimit


class CategoryViewSet(ModelViewSet):
    name = "hotline_category"
    url_prefix = "hotline/category"
    model = Category
    icon = "tag"
    menu_label = _("Request categories")
    list_display = ["name", "slug", "default_tier", "is_active", "sort_order"]
    list_filter = ["default_tier", "is_active"]
    search_fields = ["name", "description"]
    # Plain substring search: it finds Chinese words without segmentation.
    search_backend_name = None
    form_fields = [
        "name",
        "slug",
        "description",
        "default_tier",
        "is_active",
        "sort_order",
    ]
    copy_view_enabled = False


class RoutingRuleViewSet(ModelViewSet):
    name = "hotline_routingrule"
    url_prefix = "hotline/routingrule"
    model = RoutingRule
    icon = "redirect"
    menu_label = _("Routing rules")
    list_display = ["category", "district", "unit", "priority"]
    list_filter = ["category", "district"]
    form_fields = ["category", "district", "unit", "priority"]
    copy_view_enabled = True


class DistrictPlatformViewSet(ModelViewSet):
    name = "hotline_districtplatform"
    url_prefix = "hotline/districtplatform"
    model = DistrictPlatform
    icon = "site"
    menu_label = _("District platforms")
    list_display = ["district", "unit"]
    form_fields = ["district", "unit"]
    copy_view_enabled = False


class TimeLimitViewSet(ModelViewSet):
    name = "hotline_timelimit"
    url_prefix = "hotline/timelimit"
    model = TimeLimit
    icon = "time"
    menu_label = _("Time limits")
    list_display = [
        "tier",
        "accept_amount",
        "accept_measure",
        "resolve_amount",
        "resolve_measure",
        "extension_amount",
    ]
    form_fields = [
        "tier",
        "accept_amount",
        "accept_measure",
        "resolve_amount",
        "resolve_measure",
        "extension_amount",
        "extension_measure",
    ]
    copy_view_enabled = False


class HolidayViewSet(ModelViewSet):
    name = "hotline_holiday"
    url_prefix = "hotline/holiday"
    model = Holiday
    icon = "date"
    menu_label = _("Holiday calendar")
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["name"]
    search_backend_name = None
    form_fields = ["date", "kind", "name"]
    copy_view_enabled = False
