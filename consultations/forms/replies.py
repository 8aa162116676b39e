"""Forms of the responders' side: answering a comment, answering in bulk from a
saved reply, and the saved replies (templates) themselves."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from consultations.models import OfficialReply, Outcome, ReplyTemplate
from consultations.selectors.replies import CommentStatus

REASON_REQUIRED = _("Give the reason why the suggestion is not adopted.")
OUTCOME_CHOICES = [("", _("Choose an outcome")), *Outcome.choices]


def _check_reason(form: forms.Form) -> None:
    data = form.cleaned_data
    if data.get("outcome") == Outcome.NOT_ADOPTED and not data.get("reason"):
        form.add_error("reason", REASON_REQUIRED)


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=OUTCOME_CHOICES)
    body = forms.CharField(
        label=_("Reply"),
        max_length=OfficialReply._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Plain text. The commenter and the public see it under the comment."
        ),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=OfficialReply._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the suggestion is not adopted."),
    )

    def clean(self):
        super().clean()
        _check_reason(self)
        return self.cleaned_data


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} · {obj.get_outcome_display()}"


class TemplatePickForm(forms.Form):
    """Fills the reply form from a saved reply (a GET form: works without JS)."""

    template = TemplateChoiceField(
        label=_("Start from a saved reply"),
        queryset=ReplyTemplate.objects.none(),
        empty_label=_("Choose a saved reply"),
    )

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates


class CommentIdsField(forms.Field):
    widget = forms.MultipleHiddenInput

    default_error_messages = {
        "required": _("Select at least one comment."),
        "invalid": _("The selection is not valid."),
    }

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        try:
            return sorted({int(item) for item in value})
        except (TypeError, ValueError) as error:
            raise ValidationError(self.error_messages["invalid"], "invalid") from error


class BulkReplyForm(forms.Form):
    comments = CommentIdsField(label=_("Comments"))
    template = TemplateChoiceField(
        label=_("Answer the selected comments with"),
        queryset=ReplyTemplate.objects.none(),
        empty_label=_("Choose a saved reply"),
        error_messages={"required": _("Choose the saved reply to answer with.")},
    )

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates


class DashboardFilterForm(forms.Form):
    STATUS_CHOICES = [
        (CommentStatus.UNANSWERED, _("Unanswered")),
        (CommentStatus.OVERDUE, _("Overdue")),
        (CommentStatus.ANSWERED, _("Answered")),
        (CommentStatus.ALL, _("All")),
    ]

    status = forms.ChoiceField(
        label=_("Status"), choices=STATUS_CHOICES, required=False
    )
    consultation = forms.TypedChoiceField(
        label=_("Consultation"), coerce=int, required=False, empty_value=None
    )
    clause = forms.ChoiceField(label=_("Clause"), required=False)

    def __init__(self, *args, consultations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].choices = [
            ("", _("All consultations")),
            *((page.pk, page.title) for page in consultations),
        ]
        self.consultations = {page.pk: page for page in consultations}
        clause_choices = [("", _("All clauses"))]
        selected = self._selected_consultation()
        if selected is not None:
            clause_choices += [
                (clause["id"], f"{clause['number']} {clause['heading']}".strip())
                for clause in selected.clause_list
            ]
        self.fields["clause"].choices = clause_choices

    def _selected_consultation(self):
        raw = self.data.get("consultation") if self.is_bound else None
        try:
            return self.consultations.get(int(raw)) if raw else None
        except (TypeError, ValueError):
            return None

    def filters(self) -> dict:
        """The valid filters; an invalid value is dropped rather than refused."""
        self.is_valid()
        data = self.cleaned_data  # holds only the fields that are valid
        return {
            "status": data.get("status") or CommentStatus.UNANSWERED,
            "consultation_id": data.get("consultation"),
            "clause_id": data.get("clause") or "",
        }


class ReplyTemplateForm(forms.ModelForm):
    class Meta:
        model = ReplyTemplate
        fields = ["unit", "title", "outcome", "body", "reason"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "reason": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"reason": _("Required when the suggestion is not adopted.")}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = None
        self.fields["outcome"].choices = OUTCOME_CHOICES

    def clean(self):
        super().clean()
        _check_reason(self)
        return self.cleaned_data
