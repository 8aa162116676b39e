"""Forms of becoming a volunteer: registration, the volunteer's own profile, and
a reviewer's decision. The field rules are the services' (one source of truth);
the services check them again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.consent.forms import add_policy_links, sensitive_data_consent_field
from home.models import District, PolicyVersion
from volunteers.identity import validate_id_number
from volunteers.models import Team, Volunteer
from volunteers.services.registration import (
    birth_year_range,
    clean_birth_year,
    clean_phone,
)

CATEGORIES_REQUIRED = _("Choose at least one category that describes you.")


def _text(label, *, max_length, required=True, help_text="", **attrs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


class ProfileFieldsMixin(forms.Form):
    """The fields a volunteer fills in at registration and may change later."""

    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        empty_label=_("Choose a district"),
    )
    community = _text(
        _("Community"),
        max_length=100,
        help_text=_("The residents' community (社区) or village where you live."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories"),
        choices=Volunteer.Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": CATEGORIES_REQUIRED},
        help_text=_("Tick every category that describes you."),
    )
    skills = _text(
        _("Skills"),
        max_length=300,
        required=False,
        help_text=_("For example: first aid, sign language, law, photography."),
    )
    availability = _text(
        _("Availability"),
        max_length=300,
        required=False,
        help_text=_("For example: weekends, weekday evenings."),
    )

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        return clean_phone(value) if value or self.fields["phone"].required else ""


class RegistrationForm(ProfileFieldsMixin):
    real_name = _text(
        _("Real name"),
        max_length=50,
        autocomplete="name",
        help_text=_("As on your ID card; it appears on your certificates."),
    )
    phone = _text(
        _("Mobile number"),
        max_length=20,
        autocomplete="tel",
        inputmode="tel",
        help_text=_("Shown to organisers only as 138****5678."),
    )
    id_number = _text(
        _("Resident ID number"),
        max_length=30,
        required=False,
        autocomplete="off",
        help_text=_(
            "Optional. 18 characters. It is used only to detect a second "
            "registration and is never shown whole."
        ),
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=Volunteer.Gender.choices,
        initial=Volunteer.Gender.UNDISCLOSED,
        widget=forms.RadioSelect,
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        error_messages={
            "invalid": _("Enter your year of birth as four digits, for example 1985.")
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    team = forms.ModelChoiceField(
        label=_("Join a team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("No team for now"),
        help_text=_("Optional. The team's leaders approve your request."),
    )
    sensitive_data_consent = sensitive_data_consent_field()
    code_of_conduct = forms.BooleanField(
        label=_("I have read and accept the volunteers' code of conduct"),
        error_messages={"required": _("Accept the code of conduct to register.")},
    )

    field_order = [
        "real_name",
        "phone",
        "id_number",
        "gender",
        "birth_year",
        "district",
        "community",
        "categories",
        "skills",
        "availability",
        "team",
        "sensitive_data_consent",
        "code_of_conduct",
    ]

    def __init__(self, *args, teams=None, account_phone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if account_phone:
            # The account's mobile number, verified by SMS code, is the one
            # registered: shown, not typed (a new one is verified in My account).
            phone = self.fields["phone"]
            phone.disabled = True
            phone.initial = account_phone.removeprefix("+86")
            phone.help_text = _(
                "Your verified mobile number. To use another, verify it first in "
                "My account. Shown to organisers only as 138****5678."
            )
        earliest, latest = birth_year_range()
        self.fields["birth_year"].help_text = _(
            "Between %(earliest)d and %(latest)d."
        ) % {"earliest": earliest, "latest": latest}
        if teams is not None:
            self.fields["team"].queryset = teams
        add_policy_links(
            self.fields["sensitive_data_consent"],
            [PolicyVersion.Kind.VOLUNTEER_SENSITIVE],
            before=_(
                "Your ID number (if you give it), real name, year of birth and "
                "gender are used only to verify your registration and issue "
                "certificates; the ID number is kept only as a hash and a mask."
            ),
        )

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number", "")
        return validate_id_number(value) if value.strip() else ""

    def clean_birth_year(self):
        value = self.cleaned_data.get("birth_year")
        return clean_birth_year(value)


class ProfileForm(ProfileFieldsMixin):
    phone = _text(
        _("New mobile number"),
        max_length=20,
        required=False,
        autocomplete="tel",
        inputmode="tel",
    )
    show_on_leaderboards = forms.BooleanField(
        label=_("Show my name on leaderboards and team pages"), required=False
    )

    field_order = [
        "phone",
        "district",
        "community",
        "categories",
        "skills",
        "availability",
        "show_on_leaderboards",
    ]

    def __init__(self, *args, volunteer: Volunteer, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "district": volunteer.district_id,
                "community": volunteer.community,
                "categories": volunteer.categories,
                "skills": volunteer.skills,
                "availability": volunteer.availability,
                "show_on_leaderboards": volunteer.show_on_leaderboards,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = _("Leave empty to keep %(phone)s.") % {
            "phone": volunteer.masked_phone
        }


class ReviewForm(forms.Form):
    """The decisions a reviewer may take about one volunteer. Staff approve or
    reject a registration, suspend and reinstate; a unit's reviewer approves a
    pending registration or refuses (removes) the volunteer from the unit's own
    teams — a "reject" or "suspend" posted by a unit's reviewer means that."""

    APPROVE, REJECT, SUSPEND = "approve", "reject", "suspend"
    REINSTATE, REFUSE = "reinstate", "refuse"
    NEEDS_REASON = (REJECT, SUSPEND, REINSTATE, REFUSE)

    action = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (APPROVE, _("Approve")),
            (REJECT, _("Reject (whole platform)")),
            (SUSPEND, _("Suspend (whole platform)")),
            (REINSTATE, _("Reinstate")),
            (REFUSE, _("Refuse or remove from our unit's teams")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=Volunteer._meta.get_field("status_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required for every decision but an approval; the volunteer is told."
        ),
    )

    def __init__(self, data=None, *args, volunteer: Volunteer, staff: bool, **kwargs):
        if (
            data is not None
            and not staff
            and data.get("action") in (self.REJECT, self.SUSPEND)
        ):
            data = data.copy()
            data["action"] = self.REFUSE
        super().__init__(data, *args, **kwargs)
        Status = Volunteer.Status
        if staff:
            allowed = {
                Status.PENDING: (self.APPROVE, self.REJECT),
                Status.ACTIVE: (self.SUSPEND,),
                Status.SUSPENDED: (self.REINSTATE,),
                Status.REJECTED: (self.REINSTATE,),
            }[volunteer.status]
        elif volunteer.status == Status.PENDING:
            allowed = (self.APPROVE, self.REFUSE)
        else:
            allowed = (self.REFUSE,)
        self.fields["action"].choices = [
            choice for choice in self.fields["action"].choices if choice[0] in allowed
        ]

    def clean(self):
        super().clean()
        action = self.cleaned_data.get("action")
        if (
            action in self.NEEDS_REASON
            and not self.cleaned_data.get("reason", "").strip()
        ):
            self.add_error(
                "reason",
                ValidationError(_("Give the reason; the volunteer will be told.")),
            )
        return self.cleaned_data


class ReviewFilterForm(forms.Form):
    """GET filters of the review list; unknown values are dropped."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, data, *, districts):
        super().__init__(data)
        self.fields["status"].choices = [
            ("", _("All statuses")),
            *Volunteer.Status.choices,
        ]
        self.fields["district"].choices = [
            ("", _("All districts")),
            *((district.code, district.name) for district in districts),
        ]
        self.fields["category"].choices = [
            ("", _("All categories")),
            *Volunteer.Category.choices,
        ]

    def filters(self) -> dict[str, str]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "status": cleaned.get("status") or "",
            "district_code": cleaned.get("district") or "",
            "category": cleaned.get("category") or "",
        }
