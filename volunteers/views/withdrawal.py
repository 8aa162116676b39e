"""/volunteers/me/withdraw/: withdrawing the consent given at registration ends
the Green Ribbon profile (a confirmation page saying what happens, then the
button). Needs a fresh sign-in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from allauth.account.decorators import reauthentication_required

from home.exceptions import ServiceError
from volunteers.models import Volunteer
from volunteers.selectors import profiles as selectors
from volunteers.services.withdrawal import volunteer_consent_withdraw


@login_required
@reauthentication_required
def consent_withdraw(request):
    volunteer = selectors.volunteer_for_user(user=request.user)
    if volunteer is None or volunteer.status == Volunteer.Status.CLOSED:
        return redirect("volunteers:register")
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm."))
        else:
            try:
                volunteer_consent_withdraw(volunteer=volunteer, by=request.user)
            except ServiceError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Your consent is withdrawn and your volunteer profile has "
                        "ended. You can register again at any time."
                    ),
                )
                return redirect("home:dashboard")
    return render(request, "volunteers/consent_withdraw.html", {"volunteer": volunteer})
