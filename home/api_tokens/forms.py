"""The form that creates a personal access token."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import ApiTokenScope

# Days until the token expires; "" for never.
EXPIRY_CHOICES = [
    ("30", _("In 30 days")),
    ("90", _("In 90 days")),
    ("365", _("In a year")),
    ("", _("Never (revoke it yourself)")),
]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What the token is for, e.g. 'my phone' or 'team spreadsheet'."),
    )
    scope = forms.ChoiceField(
        label=_("What it may do"),
        choices=ApiTokenScope.choices,
        initial=ApiTokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_(
            "Read only: see your sign-ups, hours, points and bookings. Read and "
            "write: also sign up, check in, comment and support in your name."
        ),
    )
    expires = forms.ChoiceField(
        label=_("Expires"), choices=EXPIRY_CHOICES, initial="90", required=False
    )

    def expires_at(self):
        days = self.cleaned_data.get("expires")
        if not days:
            return None
        return timezone.now() + timedelta(days=int(days))
