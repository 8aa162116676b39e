"""Forms of the public consultation page: comment, flag.

They give the first, friendly check; the services in consultations/services/
comments.py decide (and repeat every rule), so a crafted request gets no further.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import COMMENT_MAX_LENGTH, COMMENT_MIN_LENGTH, CommentFlag
from consultations.services.comments import clean_comment_body
from home.exceptions import ServiceError


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        # No max_length on the field: the length is checked after line breaks are
        # normalised (clean_body), the attribute only guides the browser.
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": COMMENT_MAX_LENGTH}),
        error_messages={"required": _("Write your comment before sending it.")},
    )
    clause = forms.ChoiceField(
        label=_("Comment on"),
        required=False,
        error_messages={
            "invalid_choice": _("That clause is not part of this consultation.")
        },
    )
    show_masked_name = forms.BooleanField(
        label=_("Show my name masked (for example 张*)"), required=False
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _(
            "Plain text, %(min)d to %(max)d characters. Please do not include "
            "personal information such as phone numbers."
        ) % {"min": COMMENT_MIN_LENGTH, "max": COMMENT_MAX_LENGTH}
        self.fields["clause"].choices = [
            ("", _("The whole text")),
            *(
                (
                    clause["id"],
                    f"{clause['number']} {clause['heading']}".strip(),
                )
                for clause in consultation.clause_list
            ),
        ]

    def clean_body(self):
        try:
            return clean_comment_body(self.cleaned_data["body"])
        except ServiceError as error:
            raise forms.ValidationError(str(error)) from error


class CommentFlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("Choose a reason")), *CommentFlag.Reason.choices],
        error_messages={"required": _("Choose why you are reporting this comment.")},
    )
    note = forms.CharField(label=_("Details"), max_length=200, required=False)


class AppealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the decision wrong?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 1000}),
        help_text=_(
            "You can appeal once. A moderator other than the one who decided will "
            "read it, and we will email you the outcome."
        ),
    )
