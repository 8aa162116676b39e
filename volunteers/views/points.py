"""A volunteer's points (/volunteers/me/points/), hours chart, rewards,
certificates, the public certificate check and the leaderboards. Thin: parse,
call a service or a selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.access_log import AccessRecord, access_record
from home.exceptions import ServiceError
from volunteers.forms.points import CertificateRequestForm, LeaderboardForm
from volunteers.selectors import leaderboards
from volunteers.selectors import points as selectors
from volunteers.selectors.profiles import volunteer_for_user
from volunteers.services import certificates as certificate_services
from volunteers.services import rewards as reward_services

HISTORY_PAGE_SIZE = 25
CERTIFICATES_PAGE_SIZE = 20


def _volunteer_or_register(request):
    volunteer = volunteer_for_user(user=request.user)
    if volunteer is None:
        messages.info(request, _("Register as a volunteer first."))
    return volunteer


@login_required
def points(request):
    volunteer = _volunteer_or_register(request)
    if volunteer is None:
        return redirect("volunteers:register")
    page = Paginator(selectors.points_history(volunteer=volunteer), HISTORY_PAGE_SIZE)
    page_obj = page.get_page(request.GET.get("page"))
    return render(
        request,
        "volunteers/points.html",
        {
            "volunteer": volunteer,
            **selectors.points_summary(volunteer=volunteer),
            "entries": page_obj.object_list,
            "page_obj": page_obj,
        },
    )


@login_required
def hours(request):
    volunteer = _volunteer_or_register(request)
    if volunteer is None:
        return redirect("volunteers:register")
    return render(
        request,
        "volunteers/hours_chart.html",
        {"volunteer": volunteer, "chart": selectors.hours_chart(volunteer=volunteer)},
    )


def rewards(request):
    volunteer = volunteer_for_user(user=request.user)
    context = {
        "volunteer": volunteer,
        "rewards": selectors.rewards_available(volunteer=volunteer),
    }
    if volunteer is not None:
        context.update(selectors.points_summary(volunteer=volunteer))
        context["redemptions"] = selectors.my_redemptions(volunteer=volunteer)[:20]
    return render(request, "volunteers/rewards.html", context)


@login_required
@require_POST
def reward_redeem(request, reward_id):
    volunteer = volunteer_for_user(user=request.user)
    if volunteer is None or not volunteer.is_active:
        raise PermissionDenied(
            _("Only approved, active volunteers can redeem rewards.")
        )
    try:
        redemption = reward_services.reward_redeem(
            volunteer=volunteer, reward_id=reward_id
        )
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "You redeemed %(reward)s for %(points)s points. Staff will contact "
                "you to hand it over."
            )
            % {"reward": redemption.reward.name, "points": redemption.points},
        )
    return redirect("volunteers:rewards")


@login_required
def certificates(request):
    volunteer = _volunteer_or_register(request)
    if volunteer is None:
        return redirect("volunteers:register")
    form = CertificateRequestForm(
        request.POST if request.method == "POST" else None,
        units=selectors.certificate_units(volunteer=volunteer),
    )
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                certificate_services.certificate_request(
                    volunteer=volunteer,
                    date_from=form.cleaned_data["date_from"],
                    date_to=form.cleaned_data["date_to"],
                    unit=form.cleaned_data["unit"],
                )
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Your certificate is being prepared; it appears below in a "
                        "moment."
                    ),
                )
                return redirect("volunteers:certificates")
        status = 400
    page = Paginator(
        selectors.my_certificates(volunteer=volunteer), CERTIFICATES_PAGE_SIZE
    )
    page_obj = page.get_page(request.GET.get("page"))
    return render(
        request,
        "volunteers/certificates.html",
        {
            "volunteer": volunteer,
            "form": form,
            "certificates": page_obj.object_list,
            "page_obj": page_obj,
        },
        status=status,
    )


@login_required
def certificate_download(request, certificate_id):
    certificate = selectors.certificate_for_download(
        user=request.user, certificate_id=certificate_id
    )
    if certificate is None or not certificate.file:
        raise Http404
    # Staff downloading someone's certificate (the owner's own is not recorded).
    access_record(
        viewer=request.user,
        subjects=[certificate.volunteer.user_id],
        what=AccessRecord.What.CERTIFICATE,
        detail=certificate.number,
        request=request,
    )
    response = FileResponse(
        certificate.file.open("rb"),
        as_attachment=True,
        filename=f"{certificate.number}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def certificate_verify(request, token):
    certificate = selectors.certificate_by_token(token=token)
    if certificate is None:
        raise Http404
    response = render(
        request, "volunteers/certificate_verify.html", {"certificate": certificate}
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def leaderboard(request):
    form = LeaderboardForm(request.GET)
    choice = form.choices()
    return render(
        request,
        "volunteers/leaderboards.html",
        {
            "form": form,
            "choice": choice,
            "rows": leaderboards.leaderboard(**choice),
            "period_label": leaderboards.PERIODS[choice["period"]],
            "scope_label": leaderboards.SCOPES[choice["scope"]],
            "metric_label": leaderboards.METRICS[choice["metric"]],
            "top": leaderboards.TOP,
        },
    )
