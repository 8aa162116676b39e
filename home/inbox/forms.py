"""The channel settings form: for each kind of notice, an email and an SMS
checkbox (a checkbox left unticked is not posted, so every kind is read)."""

from django import forms

from home.inbox.kinds import KINDS


class NotificationSettingsForm(forms.Form):
    def __init__(self, *args, can_text: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_text = can_text
        for key, kind in KINDS.items():
            self.fields[f"email-{key}"] = forms.BooleanField(
                required=False,
                label=kind.label,
                disabled=kind.email_locked or not kind.has_email,
            )
            self.fields[f"sms-{key}"] = forms.BooleanField(
                required=False, label=kind.label, disabled=not can_text
            )

    def choices(self) -> dict[str, dict[str, bool]]:
        return {
            key: {
                "email": self.cleaned_data[f"email-{key}"],
                "sms": self.cleaned_data[f"sms-{key}"],
            }
            for key in KINDS
        }
