"""The survey form: one field per question, built from the consultation's questions.

Choices are posted as their index in the question's list, so that editing a choice's
wording keeps earlier answers attached to it. The service validates the answers again
(it is the authority); the form's checks only give each field its own message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import SurveyQuestion
from consultations.services.surveys import SURVEY_TEXT_MAX_LENGTH

RATING_LABELS = {
    1: _("1 – very poor"),
    2: _("2 – poor"),
    3: _("3 – fair"),
    4: _("4 – good"),
    5: _("5 – very good"),
}


def question_field_name(question: SurveyQuestion) -> str:
    return f"q{question.pk}"


def _question_field(question: SurveyQuestion) -> forms.Field:
    common = {"label": question.prompt, "required": question.required}
    kind = question.kind
    if kind == SurveyQuestion.Kind.SINGLE:
        return forms.TypedChoiceField(
            choices=list(enumerate(question.choice_list)),
            coerce=int,
            widget=forms.RadioSelect,
            **common,
        )
    if kind == SurveyQuestion.Kind.MULTIPLE:
        return forms.TypedMultipleChoiceField(
            choices=list(enumerate(question.choice_list)),
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Choose all that apply."),
            **common,
        )
    if kind == SurveyQuestion.Kind.RATING:
        return forms.TypedChoiceField(
            choices=list(RATING_LABELS.items()),
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    return forms.CharField(
        max_length=SURVEY_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Up to %(count)s characters.") % {"count": SURVEY_TEXT_MAX_LENGTH},
        **common,
    )


class SurveyForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        kwargs.setdefault("prefix", "survey")
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[question_field_name(question)] = _question_field(question)

    def answers(self) -> dict[int, object]:
        """The cleaned answers keyed by question id, as survey_submit takes them;
        unanswered optional questions are left out."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            if value in (None, "", []):
                continue
            answers[question.pk] = value
        return answers
