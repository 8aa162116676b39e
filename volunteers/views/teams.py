"""Teams (/volunteers/teams/): the list, a team's page, asking to join, leaving,
and the leaders' page of requests. Thin: parse, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.access_log import AccessRecord, access_record
from home.exceptions import ServiceError
from home.limits import enforce
from home.models import District
from volunteers.forms.teams import TeamDecisionForm, TeamFilterForm
from volunteers.models import TeamMembership
from volunteers.selectors import teams as selectors
from volunteers.selectors.profiles import volunteer_for_user
from volunteers.services import teams as services


def _team_or_404(slug):
    team = selectors.team_by_slug(slug=slug)
    if team is None:
        raise Http404
    return team


def team_list(request):
    filter_form = TeamFilterForm(request.GET, districts=District.objects.all())
    teams = selectors.team_list(district_code=filter_form.district_code())
    return render(
        request,
        "volunteers/team_list.html",
        {"filter_form": filter_form, "teams": teams},
    )


def team_detail(request, slug):
    team = _team_or_404(slug)
    volunteer = volunteer_for_user(user=request.user)
    return render(
        request,
        "volunteers/team_detail.html",
        {
            "team": team,
            "volunteer": volunteer,
            "membership": selectors.membership_of(team=team, volunteer=volunteer),
            "is_leader": selectors.user_leads_team(user=request.user, team=team),
            **selectors.team_members(team=team),
            "activities": selectors.team_activities(team=team),
        },
    )


@login_required
@require_POST
def team_join(request, slug):
    team = _team_or_404(slug)
    volunteer = volunteer_for_user(user=request.user)
    if volunteer is None:
        messages.info(request, _("Register as a volunteer first."))
        return redirect("volunteers:register")
    try:
        enforce("team_membership", request=request)
        services.team_join_request(volunteer=volunteer, team=team)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your request has been sent; a leader of %(team)s will decide.")
            % {"team": team.name},
        )
    return redirect("volunteers:team_detail", slug=team.slug)


@login_required
@require_POST
def team_leave(request, slug):
    team = _team_or_404(slug)
    volunteer = volunteer_for_user(user=request.user)
    if volunteer is None:
        raise Http404
    try:
        enforce("team_membership", request=request)
        services.team_leave(volunteer=volunteer, team=team)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You have left %(team)s.") % {"team": team.name})
    return redirect("volunteers:team_detail", slug=team.slug)


@login_required
def team_requests(request, slug):
    """GET lists the pending requests; POST approves or declines one."""
    team = _team_or_404(slug)
    services.require_leader(user=request.user, team=team)
    if request.method == "POST":
        form = TeamDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a request and a decision."))
            return redirect("volunteers:team_requests", slug=team.slug)
        membership = (
            TeamMembership.objects.select_related("team", "volunteer")
            .filter(pk=form.cleaned_data["membership"], team=team)
            .first()
        )
        if membership is None:
            raise Http404
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.team_request_decide(
                actor=request.user, membership=membership, approve=approve
            )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            template = (
                _("%(name)s is now a member of the team.")
                if approve
                else _("The request of %(name)s has been declined.")
            )
            messages.success(request, template % {"name": membership.volunteer})
        return redirect("volunteers:team_requests", slug=team.slug)
    requests = list(selectors.team_pending_requests(team=team))
    access_record(
        viewer=request.user,
        subjects=(membership.volunteer.user_id for membership in requests),
        what=AccessRecord.What.TEAM_REQUESTS,
        unit=team.unit,
        team_name=team.name,
        detail=team.name,
        request=request,
    )
    return render(
        request,
        "volunteers/team_requests.html",
        {"team": team, "requests": requests},
    )
