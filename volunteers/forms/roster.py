"""The organisers' message to the participants of an activity."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.services.roster import (
    MESSAGE_BODY_MAX_LENGTH,
    MESSAGE_SUBJECT_MAX_LENGTH,
)


class ShiftChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        starts = timezone.localtime(obj.starts_at).strftime("%Y-%m-%d %H:%M")
        return f"{starts} {obj.role}".strip()


class RosterMessageForm(forms.Form):
    shift = ShiftChoiceField(
        label=_("Send to"),
        queryset=None,
        required=False,
        empty_label=_("Everyone with a confirmed place on any shift"),
    )
    subject = forms.CharField(label=_("Subject"), max_length=MESSAGE_SUBJECT_MAX_LENGTH)
    body = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Plain text. Each volunteer with a confirmed place gets one email; "
            "their addresses are not shown to one another."
        ),
    )

    def __init__(self, *args, shifts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shift"].queryset = shifts
