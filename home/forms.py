"""Forms of the shared core."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import UnitMembership, User


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label=_("显示名称"),
        max_length=60,
        required=False,
        help_text=_("选填。留空时显示邮箱前缀。"),
    )

    field_order = ["display_name", "email", "password1", "password2"]

    def save(self, request):
        user = super().save(request)
        user.display_name = self.cleaned_data.get("display_name", "").strip()
        user.save(update_fields=["display_name"])
        return user


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "phone"]
        widgets = {
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
        }


class UnitMemberAddForm(forms.Form):
    email = forms.EmailField(label=_("成员邮箱"), help_text=_("对方需已在平台注册。"))
    role = forms.ChoiceField(label=_("角色"), choices=UnitMembership.Role.choices)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("搜索"), max_length=100, required=False)
