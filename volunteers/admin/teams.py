"""Teams and team memberships (staff name the leaders)."""

from django.utils.translation import gettext_lazy

from wagtail.admin.viewsets.model import ModelViewSet

from volunteers.models import Team, TeamMembership


class TeamViewSet(ModelViewSet):
    model = Team
    url_prefix = "volunteer-teams"
    icon = "group"
    menu_label = gettext_lazy("Volunteer teams")
    list_display = ["name", "unit", "district", "community"]
    list_filter = ["district"]
    search_fields = ["name", "community"]
    search_backend_name = None
    form_fields = ["name", "slug", "unit", "district", "community", "description"]
    copy_view_enabled = False


class TeamMembershipViewSet(ModelViewSet):
    model = TeamMembership
    url_prefix = "volunteer-team-members"
    icon = "user"
    menu_label = gettext_lazy("Team members")
    list_display = ["volunteer", "team", "role", "status", "created_at"]
    list_filter = ["team", "role", "status"]
    form_fields = ["team", "volunteer", "role", "status"]
    copy_view_enabled = False
