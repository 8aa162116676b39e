"""Forms of points: the certificate request and the leaderboard's choices."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.selectors.leaderboards import METRICS, PERIODS, SCOPES

# ISO dates, which the browser's date picker reads to show the initial value.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CertificateRequestForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=DATE_INPUT)
    date_to = forms.DateField(label=_("To"), widget=DATE_INPUT)
    unit = forms.ModelChoiceField(
        label=_("Only the activities of"),
        queryset=None,
        required=False,
        empty_label=_("All units (issued by the platform)"),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        today = timezone.localdate()
        self.fields["date_from"].initial = today.replace(month=1, day=1)
        self.fields["date_to"].initial = today

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error(
                "date_to", _("The start date must not be after the end date.")
            )
        return data


class LeaderboardForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"), choices=list(PERIODS.items()), required=False
    )
    scope = forms.ChoiceField(
        label=_("Ranking of"), choices=list(SCOPES.items()), required=False
    )
    metric = forms.ChoiceField(
        label=_("By"), choices=list(METRICS.items()), required=False
    )

    def choices(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "period": data.get("period") or "month",
            "scope": data.get("scope") or "volunteer",
            "metric": data.get("metric") or "hours",
        }


class RedemptionDecisionForm(forms.Form):
    FULFIL = "fulfil"
    CANCEL = "cancel"

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (FULFIL, _("Handed over")),
            (CANCEL, _("Cancel and return the points")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (when cancelling)"), max_length=300, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == self.CANCEL and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason for cancelling."))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revoking"), max_length=300)


class MultiplierDecisionForm(forms.Form):
    APPROVE = "approve"
    REFUSE = "refuse"

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (APPROVE, _("Approve: points use this multiplier from now on")),
            (REFUSE, _("Refuse: the approved multiplier stays")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)
