"""Registers the Wagtail admin screens of volunteers (they live in
volunteers/admin/): the "Green Ribbon" group (registrations to review, teams,
team members), service records, and the "Points and rewards" group (rewards,
redemptions, certificates, the ledger); and the view-only permission policies of
the records that only the services write."""

from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from home.permissions import StaffReadOnlyPermissionPolicy
from volunteers.admin.certificates import CertificateViewSet
from volunteers.admin.claims import IdentityClaimViewSet
from volunteers.admin.hours import ServiceRecordViewSet
from volunteers.admin.multipliers import (
    MultiplierDecisionViewSet,
    VolunteerDecisionViewSet,
)
from volunteers.admin.points import PointsEntryViewSet
from volunteers.admin.registrations import VolunteerViewSet
from volunteers.admin.rewards import RedemptionViewSet, RewardViewSet
from volunteers.admin.teams import TeamMembershipViewSet, TeamViewSet
from volunteers.models import (
    Certificate,
    IdentityClaim,
    MultiplierDecision,
    PointsEntry,
    Redemption,
    ServiceRecord,
    Volunteer,
    VolunteerDecision,
)


class VolunteersViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Green Ribbon")
    menu_icon = "user"
    menu_order = 260
    items = (
        VolunteerViewSet,
        VolunteerDecisionViewSet,
        IdentityClaimViewSet,
        TeamViewSet,
        TeamMembershipViewSet,
    )


class PointsViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Points and rewards")
    menu_icon = "pick"
    menu_order = 261
    items = (
        RewardViewSet,
        RedemptionViewSet,
        CertificateViewSet,
        PointsEntryViewSet,
        MultiplierDecisionViewSet,
    )


for _model in (
    Volunteer,
    VolunteerDecision,
    MultiplierDecision,
    IdentityClaim,
    ServiceRecord,
    Redemption,
    Certificate,
    PointsEntry,
):
    register_permission_policy(_model, StaffReadOnlyPermissionPolicy(_model))


# Registered in this order: service records and the points group share a menu
# order, and the registration order decides between them.
@hooks.register("register_admin_viewset")
def register_volunteer_viewsets():
    return VolunteersViewSetGroup()


@hooks.register("register_admin_viewset")
def register_service_record_viewset():
    return ServiceRecordViewSet("service_records")


@hooks.register("register_admin_viewset")
def register_points_viewsets():
    return PointsViewSetGroup()
