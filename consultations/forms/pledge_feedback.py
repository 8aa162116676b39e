"""The feedback form under each commitment of a pledge page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import COMMENT_MAX_LENGTH, Comment


class PledgeFeedbackForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=Comment.Kind.choices,
        initial=Comment.Kind.COMMENT,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("Your feedback"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX_LENGTH}),
    )
    show_masked_name = forms.BooleanField(
        label=_("Show my name masked (for example 张*)"), required=False
    )
