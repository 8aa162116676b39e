"""Public evaluation pages: the periods, a period's units with a rating form per
unit (plain forms that post and come back with a message), and the published
scorecards."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from consultations.forms.evaluations import UnitRatingForm
from consultations.models import EvaluationPeriod
from consultations.selectors import evaluations as selectors
from consultations.services.evaluations import unit_rate
from home.exceptions import ServiceError
from home.models import Unit


def _draft_key(period_id: int, unit_id: int) -> str:
    return f"evaluation-draft-{period_id}-{unit_id}"


@require_GET
def evaluation_list(request):
    periods = selectors.evaluation_periods()
    sections = [
        {
            "key": "current",
            "heading": _("Open for ratings"),
            "items": periods["current"],
            "empty_text": _("No evaluation period is open at the moment."),
        },
        {
            "key": "upcoming",
            "heading": _("Coming up"),
            "items": periods["upcoming"],
            "empty_text": "",
        },
        {
            "key": "past",
            "heading": _("Past periods"),
            "items": periods["past"],
            "empty_text": _("No evaluation period has ended yet."),
        },
    ]
    return render(request, "consultations/evaluation_list.html", {"sections": sections})


@require_GET
def evaluation_period(request, period_id):
    period = get_object_or_404(EvaluationPeriod, pk=period_id)
    state = selectors.rating_state(period=period, user=request.user)
    units = selectors.period_units(period=period, user=request.user)
    if state == "rate":
        for unit in units:
            if unit.my_rating is None:
                draft = request.session.pop(_draft_key(period.pk, unit.pk), None)
                data = MultiValueDict(draft) if draft else None
                unit.rating_form = UnitRatingForm(data, unit=unit)
                if data:
                    unit.rating_form.is_valid()  # show the refused input again
    here = reverse("consultations:evaluation_period", kwargs={"period_id": period.pk})
    login_url = reverse("account_login") + "?" + urlencode({"next": here})
    return render(
        request,
        "consultations/evaluation_period.html",
        {"period": period, "units": units, "state": state, "login_url": login_url},
    )


@login_required
@require_POST
def evaluation_rate(request, period_id, unit_id):
    period = get_object_or_404(EvaluationPeriod, pk=period_id)
    unit = get_object_or_404(Unit, pk=unit_id)
    back = reverse("consultations:evaluation_period", kwargs={"period_id": period.pk})
    back = f"{back}#unit-{unit.pk}"
    form = UnitRatingForm(request.POST, unit=unit)
    if not form.is_valid():
        request.session[_draft_key(period.pk, unit.pk)] = dict(request.POST.lists())
        if "score" in form.errors:
            message = _(
                "Your rating of %(unit)s was not saved: choose a score from 1 to 5."
            )
        else:
            message = _("Your rating of %(unit)s was not saved. Check the comment.")
        messages.error(request, message % {"unit": unit.name})
        return redirect(back)
    try:
        unit_rate(
            user=request.user,
            period=period,
            unit=unit,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )
    except (ServiceError, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Thank you: your rating of %(unit)s has been recorded.")
            % {"unit": unit.name},
        )
    return redirect(back)


@require_GET
def evaluation_scorecard(request, period_id, unit_slug):
    period = get_object_or_404(EvaluationPeriod, pk=period_id)
    unit = get_object_or_404(
        Unit.objects.filter(evaluation_periods=period).select_related("district"),
        slug=unit_slug,
    )
    if not period.scorecards_published:
        raise Http404("Scorecards not published")
    return render(
        request,
        "consultations/evaluation_scorecard.html",
        {
            "period": period,
            "unit": unit,
            "scorecard": selectors.unit_scorecard(period=period, unit=unit),
        },
    )
