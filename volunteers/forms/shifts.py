"""Checks of an activity's shifts in the editor against the places already taken:
a shift cannot get fewer places than volunteers hold, nor be removed once people
have signed up for it (their sign-ups and hours refer to it)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from volunteers.models import ShiftPlaces, Signup


def check_shift_forms(page_form, relation: str = "shifts") -> None:
    """Add the errors to the activity form ``page_form`` (Wagtail's page form,
    whose ``formsets[relation]`` holds the shifts)."""
    formset = getattr(page_form, "formsets", {}).get(relation)
    if formset is None:
        return
    formset.is_valid()  # cleans the shift forms, so their values can be read
    existing = [form for form in formset.forms if form.instance.pk is not None]
    taken = dict(
        ShiftPlaces.objects.filter(
            pk__in=[form.instance.pk for form in existing]
        ).values_list("pk", "confirmed")
    )
    for form in existing:
        shift = form.instance
        if formset.can_delete and formset._should_delete_form(form):
            if Signup.objects.filter(shift_id=shift.pk).exists():
                page_form.add_error(
                    None,
                    _(
                        "The shift starting %(start)s cannot be removed: volunteers "
                        "have signed up for it. Cancel the sign-ups from the roster, "
                        "or keep the shift."
                    )
                    % {
                        "start": formats.date_format(
                            timezone.localtime(shift.starts_at), "DATETIME_FORMAT"
                        )
                    },
                )
            continue
        confirmed = taken.get(shift.pk, 0)
        capacity = (getattr(form, "cleaned_data", None) or {}).get("capacity")
        if capacity is not None and capacity < confirmed:
            form.add_error(
                "capacity",
                ngettext(
                    "%(count)d volunteer already has a place on this shift: it "
                    "needs at least %(count)d place.",
                    "%(count)d volunteers already have a place on this shift: it "
                    "needs at least %(count)d places.",
                    confirmed,
                )
                % {"count": confirmed},
            )
