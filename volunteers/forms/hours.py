"""Forms of attendance and service records: times entered by an organiser, the
approval of pending records, a volunteer's correction request and its decision."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

INPUT_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=INPUT_FORMAT)


def _datetime_field(label):
    return forms.DateTimeField(
        label=label,
        widget=LocalDateTimeInput(),
        input_formats=[INPUT_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None, second=0, microsecond=0)


class TimesForm(forms.Form):
    started_at = _datetime_field(_("Started at"))
    ended_at = _datetime_field(_("Ended at"))

    def clean(self):
        data = super().clean()
        start, end = data.get("started_at"), data.get("ended_at")
        if start and end and end <= start:
            self.add_error("ended_at", _("The end must come after the start."))
        return data


class AttendanceForm(TimesForm):
    """One volunteer's times on a shift; the prefix names the volunteer."""

    reason = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, shift, record=None, **kwargs):
        source = record if record is not None and record.ended_at else shift
        start = getattr(source, "started_at", None) or shift.starts_at
        end = getattr(source, "ended_at", None) or shift.ends_at
        kwargs.setdefault(
            "initial", {"started_at": _local(start), "ended_at": _local(end)}
        )
        super().__init__(*args, **kwargs)


class IdListField(forms.Field):
    """The ids of the ticked checkboxes (rendered by the template, one per row).
    Whether each may be decided is the service's business."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return [int(item) for item in value or []]
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(_("Choose records from the list.")) from error


class ReviewForm(forms.Form):
    """Approve or reject the records ticked on the pending-approvals page."""

    APPROVE = "approve"
    REJECT = "reject"

    records = IdListField(
        label=_("Records"),
        error_messages={"required": _("Tick at least one record.")},
    )
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for a rejection"),
        max_length=300,
        required=False,
        help_text=_("Required to reject; the volunteers are emailed it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == self.REJECT and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the reason for the rejection."))
        return data


class CorrectionRequestForm(TimesForm):
    reason = forms.CharField(
        label=_("Why should the record be corrected?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, record, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "started_at": _local(record.started_at),
                "ended_at": _local(record.ended_at or record.shift.ends_at),
            },
        )
        super().__init__(*args, **kwargs)


class CorrectionDecisionForm(forms.Form):
    ACCEPT = "accept"
    DECLINE = "decline"

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ACCEPT, _("Accept the correction")),
            (DECLINE, _("Decline the correction")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("Required to decline; the volunteer is emailed it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == self.DECLINE and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the reason for declining the correction."))
        return data
