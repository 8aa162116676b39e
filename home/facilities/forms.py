"""Forms for open facilities: the public filter, a unit's facility editor with
its weekly opening hours, a resident's request, a unit's decision."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField

from home.models import District, Facility, FacilityKind, PledgeItem, Weekday
from home.models.facilities import validate_opening_hours


class FacilityFilterForm(forms.Form):
    district = forms.ChoiceField(label=_("District"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *FacilityKind.choices],
    )

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [
            ("", _("All districts")),
            *((district.code, district.name) for district in districts),
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {"district_code": "", "kind": ""}
        return {
            "district_code": self.cleaned_data["district"],
            "kind": self.cleaned_data["kind"],
        }


class FacilityForm(forms.ModelForm):
    # Wagtail's field checks the format, file size and pixel count as its admin does.
    photo = WagtailImageField(
        label=_("Photo"),
        required=False,
        help_text=_("Optional. A JPEG or PNG photo; it replaces the current one."),
    )

    class Meta:
        model = Facility
        fields = [
            "name",
            "kind",
            "address",
            "district",
            "description",
            "rules",
            "capacity",
            "slot_minutes",
            "booking_horizon_days",
            "pledge_item",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "rules": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.all()
        # Only the unit's own commitments, open-facility ones first.
        items = PledgeItem.objects.filter(page__unit=unit).select_related("page")
        self.fields["pledge_item"].queryset = items.order_by(
            "-page__year", "sort_order"
        )
        self.fields["pledge_item"].label_from_instance = lambda item: (
            f"{item.page.year} · {item.title}"
        )

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class OpeningHoursForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), choices=Weekday.choices, coerce=int
    )
    opens = forms.TimeField(
        label=_("Opens"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    closes = forms.TimeField(
        label=_("Closes"), widget=forms.TimeInput(attrs={"type": "time"})
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if opens and closes and closes <= opens:
            self.add_error("closes", _("The closing time must be after opening."))
        return data


class BaseOpeningHoursFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        try:
            validate_opening_hours(self.periods())
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def periods(self) -> list[tuple]:
        return [
            (
                form.cleaned_data["weekday"],
                form.cleaned_data["opens"],
                form.cleaned_data["closes"],
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


OpeningHoursFormSet = forms.formset_factory(
    OpeningHoursForm,
    formset=BaseOpeningHoursFormSet,
    extra=3,
    can_delete=True,
    max_num=28,
    validate_max=True,
)


def opening_hours_initial(facility: Facility | None) -> list[dict]:
    if facility is None or facility.pk is None:
        return []
    return [
        {"weekday": h.weekday, "opens": h.opens, "closes": h.closes}
        for h in facility.opening_hours.order_by("weekday", "opens")
    ]


class BookingRequestForm(forms.Form):
    slot = forms.CharField(
        label=_("Time slot"),
        error_messages={"required": _("Choose a time slot.")},
    )
    people = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=200,
        help_text=_("For example: a neighbourhood basketball game, a reading club."),
    )

    def __init__(self, *args, facility: Facility, **kwargs):
        super().__init__(*args, **kwargs)
        self.facility = facility
        # The capacity is checked by the service, whose message names it.
        self.fields["people"].widget.attrs["max"] = facility.capacity

    def clean_slot(self) -> datetime:
        value = self.cleaned_data["slot"]
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError(_("Choose one of the slots shown.")) from None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment


class BookingDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the resident a reason for declining.")},
    )
