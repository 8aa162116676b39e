"""What the hotline adds to the Wagtail admin: one menu group with the
catalogue staff edit and the read-only list of requests (screens in admin/)."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from .admin.catalogue import (
    CategoryViewSet,
    DistrictPlatformViewSet,
    HolidayViewSet,
    RoutingRuleViewSet,
    TimeLimitViewSet,
)
from .admin.requests import ReadOnlyPolicy, RequestViewSet
from .models import Request

register_permission_policy(Request, ReadOnlyPolicy(Request))


class HotlineViewSetGroup(ModelViewSetGroup):
    menu_label = _("12319 hotline")
    menu_icon = "mail"
    menu_order = 330
    items = (
        RequestViewSet,
        CategoryViewSet,
        RoutingRuleViewSet,
        DistrictPlatformViewSet,
        TimeLimitViewSet,
        HolidayViewSet,
    )


@hooks.register("register_admin_viewset")
def register_hotline_viewsets():
    return HotlineViewSetGroup()
