"""The consent checkboxes: at sign-up, at volunteer registration (the volunteers
app adds ``sensitive_data_consent_field``) and when a policy changes."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.consent.selectors import policy_current_versions
from home.models import PolicyVersion


def policy_links(kinds) -> str:
    """Links to the current version of each of ``kinds`` (safe HTML, for a
    checkbox's help text), or "" when none is set up."""
    current = policy_current_versions()
    versions = [current[kind] for kind in kinds if kind in current]
    links = format_html_join(
        gettext(", "),
        '<a href="{}" target="_blank" rel="noopener">{} ({})</a>',
        (
            (version.link, version.get_kind_display(), version.version)
            for version in versions
            if version.link
        ),
    )
    if not links:
        return ""
    return format_html("{} {}", gettext("Read:"), links)


def policies_field() -> forms.BooleanField:
    """The sign-up checkbox: the privacy policy and the terms."""
    return forms.BooleanField(
        label=_("I have read and accept the privacy policy and the terms of use"),
        error_messages={
            "required": _(
                "Tick the box to accept the privacy policy and the terms of use: "
                "an account cannot be created without it."
            )
        },
    )


def sensitive_data_consent_field() -> forms.BooleanField:
    """The volunteers' separate consent to their sensitive personal information."""
    return forms.BooleanField(
        label=_(
            "I separately consent to the processing of my ID number and other "
            "sensitive personal information for volunteer registration"
        ),
        error_messages={
            "required": _(
                "Give your separate consent to the processing of your sensitive "
                "personal information to register as a volunteer."
            )
        },
    )


def add_policy_links(field: forms.Field, kinds, *, before: str = "") -> None:
    """Set the field's help text: ``before`` then links to the policies."""
    links = policy_links(kinds)
    field.help_text = format_html("{} {}", before, links) if before else links


class ConsentForm(forms.Form):
    """Accepting the changed versions shown (their ids travel with the form)."""

    versions = forms.CharField(widget=forms.HiddenInput)
    accept = forms.BooleanField(
        label=_("I have read and accept the versions above"),
        error_messages={
            "required": _("Tick the box to accept, or choose one of the other ways.")
        },
    )

    def __init__(self, *args, pending: list[PolicyVersion], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versions"].initial = ",".join(str(v.pk) for v in pending)

    def clean_versions(self) -> list[int]:
        value = self.cleaned_data["versions"]
        try:
            return [int(part) for part in value.split(",") if part]
        except ValueError as error:
            raise forms.ValidationError(_("Reload the page and try again.")) from error
