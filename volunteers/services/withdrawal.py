"""Withdrawing the separate consent given for the ID number and other
sensitive data at registration (PIPL art. 29): the Green Ribbon profile ends.
The person keeps their account; the profile, anonymised as when an account is
closed (volunteers/erasure.py), is handed to a placeholder closed account so
that its service records and points stay in the units' statistics, detached
from the person, who can register again later (with the same ID number)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from home.account_closure.services import outbox_scrub, placeholder_user_create
from home.consent.services import consent_withdraw
from home.exceptions import ServiceError
from home.models import PolicyVersion
from volunteers.erasure import personal_needles, volunteer_profile_end
from volunteers.models import Volunteer


@transaction.atomic
def volunteer_consent_withdraw(*, volunteer: Volunteer, by) -> Volunteer:
    """The volunteer withdraws their consent; refused for someone else's
    profile or one already ended. Messages naming them leave the outbox."""
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.user_id != by.pk:
        raise PermissionDenied(_("You can only end your own volunteer profile."))
    if volunteer.status == Volunteer.Status.CLOSED:
        raise ServiceError(_("This volunteer profile has already ended."))
    needles = personal_needles(user=by)
    volunteer_profile_end(volunteer=volunteer, needles=needles)
    volunteer.user = placeholder_user_create()
    volunteer.save(update_fields=["user"])
    outbox_scrub(needles=needles)
    # The consent record says when it was withdrawn (the person is not asked
    # about these rules again unless they register anew).
    consent_withdraw(user=by, kind=PolicyVersion.Kind.VOLUNTEER_SENSITIVE)
    return volunteer
