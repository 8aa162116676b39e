"""The rating form of each unit on an evaluation period's page."""

from django import forms
from django.utils.translation import gettext, gettext_lazy

from consultations.forms.surveys import RATING_LABELS
from consultations.services.evaluations import RATING_COMMENT_MAX_LENGTH
from home.models import Unit


class UnitRatingForm(forms.Form):
    score = forms.TypedChoiceField(
        choices=list(RATING_LABELS.items()), coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=gettext_lazy("Your comment"),
        required=False,
        max_length=RATING_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Optional. Shown on the published scorecard without your name."
        ),
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        kwargs.setdefault("prefix", f"unit-{unit.pk}")
        super().__init__(*args, **kwargs)
        self.fields["score"].label = gettext("Your score for %(unit)s") % {
            "unit": unit.name
        }
