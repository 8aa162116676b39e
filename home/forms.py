"""Forms of the shared core."""

from django import forms
from django.utils.translation import gettext_lazy as _

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm
from allauth.account.forms import SignupForm as AllauthSignupForm

from home.consent.forms import add_policy_links, policies_field
from home.consent.services import consent_accept_current
from home.models import (
    ConsentRecord,
    District,
    PolicyVersion,
    Unit,
    UnitMembership,
    User,
)


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        required=False,
        help_text=_(
            "Optional. Shown with your comments; without one you appear as "
            "“Resident”. Your email address is never shown."
        ),
    )

    accept_policies = policies_field()

    field_order = ["display_name", "phone", "email", "password1", "password2"]

    POLICY_KINDS = (PolicyVersion.Kind.PRIVACY, PolicyVersion.Kind.TERMS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The box comes last, after the password fields allauth adds.
        self.fields["accept_policies"] = self.fields.pop("accept_policies")
        add_policy_links(self.fields["accept_policies"], self.POLICY_KINDS)
        self.fields["phone"].label = _("Mobile number")
        self.fields["email"].label = _("Email address")
        self.fields["phone"].help_text = _(
            "A mainland mobile number: we text you a code to confirm it. With a "
            "number, the email address and the password are optional."
        )
        self.fields["email"].help_text = _(
            "Or sign up with an email address and a password."
        )

    def clean(self):
        cleaned_data = super().clean()
        phone = cleaned_data.get("phone")
        email = cleaned_data.get("email")
        if not phone and not email and not self.has_error("phone"):
            self.add_error(
                "phone", _("Enter a mobile number or an email address to sign up.")
            )
        # An email address alone signs in with a password, as before.
        if (
            email
            and not phone
            and not cleaned_data.get("password1")
            and not self.has_error("password1")
        ):
            self.add_error(
                "password1",
                _("Choose a password, or add a mobile number to sign in by code."),
            )
        return cleaned_data

    def save(self, request):
        user = super().save(request)
        user.display_name = self.cleaned_data.get("display_name", "").strip()
        user.save(update_fields=["display_name"])
        # The versions in effect when the box was ticked, with the time.
        consent_accept_current(
            user=user, kinds=self.POLICY_KINDS, method=ConsentRecord.Method.SIGNUP
        )
        return user


class LoginForm(AllauthLoginForm):
    """One box for either way in: a mobile number or an email address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Mobile number or email address")
        login.widget.attrs.update(
            {"placeholder": "13812345678 / name@example.cn", "autocomplete": "username"}
        )
        self.fields["password"].help_text = _(
            "No password? Use “Send me a sign-in code” below to sign in with an "
            "SMS code."
        )


class RequestLoginCodeForm(AllauthRequestLoginCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].label = _("Mobile number")
        self.fields["email"].label = _("Or your email address")
        self.order_fields(["phone", "email"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "phone"]
        widgets = {
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
        }


class UnitMemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("Member's email address"),
        help_text=_("The person must already be registered on the platform."),
    )
    # No default: the most powerful role must never be picked by accident.
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("Choose a role")), *UnitMembership.Role.choices],
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)


class UnitFilterForm(forms.Form):
    """The unit directory's filters: name words, kind and district code. An
    unknown value is dropped rather than shown as an error (links are shared)."""

    q = forms.CharField(
        label=_("Unit name"), max_length=50, required=False, widget=forms.SearchInput
    )
    kind = forms.ChoiceField(label=_("Type"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)

    def __init__(self, data):
        super().__init__(data)
        self.fields["kind"].choices = [("", _("All types")), *Unit.Kind.choices]
        self.fields["district"].choices = [
            ("", _("All districts")),
            *District.objects.values_list("code", "name"),
        ]

    def filters(self) -> dict[str, str]:
        """The valid filters, each field's value or ""."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: (cleaned.get(name) or "").strip() for name in self.fields}
