"""Forms of teams: the list's district filter and a leader's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TeamFilterForm(forms.Form):
    district = forms.ChoiceField(label=_("District"), required=False)

    def __init__(self, data, *, districts):
        super().__init__(data)
        self.fields["district"].choices = [
            ("", _("All districts")),
            *((district.code, district.name) for district in districts),
        ]

    def district_code(self) -> str:
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("district") or ""


class TeamDecisionForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("decline", _("Decline"))]
    )
