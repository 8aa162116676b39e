"""allauth's account adapter: mobile numbers as a way in, stored on the user.

A mainland mobile number lives in ``User.phone`` (E.164), confirmed by an SMS
code into ``User.phone_verified``; one account per number (a constraint on the
table). Codes go out through the SMS outbox (``home.sms.send_sms``), never to
the log. An account made with a number only has no email address, so email
verification is mandatory only for accounts that have one.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.fields import PhoneField
from allauth.account.stages import EmailVerificationStage

from home.phone import normalise_mobile

ALREADY_REGISTERED_TITLE = "此号码已注册，请直接登录"


class MobileNumberField(PhoneField):
    """A mainland mobile number, typed as people say it (138 1234 5678);
    cleaned to E.164."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [])
        super().__init__(*args, **kwargs)
        self.widget.attrs.update(
            {"inputmode": "tel", "placeholder": "13812345678", "maxlength": "20"}
        )

    def clean(self, value):
        value = forms.CharField.clean(self, value)
        if not value:
            return value
        return normalise_mobile(value)


class AccountAdapter(DefaultAccountAdapter):
    def phone_form_field(self, **kwargs):
        from django.utils.translation import gettext_lazy as _

        kwargs.setdefault("label", _("Mobile number"))
        return MobileNumberField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        try:
            return normalise_mobile(phone)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error

    def set_phone(self, user, phone: str, verified: bool) -> None:
        user.phone = normalise_mobile(phone)
        user.phone_verified = verified
        if user.pk:
            user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user):
        if not user.phone:
            return None
        return user.phone, user.phone_verified

    def set_phone_verified(self, user, phone: str) -> None:
        # allauth's change-phone view verifies a number the account does not
        # hold yet: the confirmed code is what moves the number onto it.
        user.phone = normalise_mobile(phone)
        user.phone_verified = True
        user.save(update_fields=["phone", "phone_verified"])

    def get_user_by_phone(self, phone: str):
        try:
            phone = normalise_mobile(phone)
        except ValidationError:
            return None
        return get_user_model().objects.filter(phone=phone).first()

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs):
        from home.sms import send_sms

        send_sms(
            to=phone,
            kind="verification_code",
            params={"code": code},
            erase_after_delivery=True,
        )

    def send_account_already_exists_sms(self, phone: str) -> None:
        # Someone tried to sign up with this number: its owner learns it, the
        # person at the form sees the same page as for a new number.
        from home.sms import send_sms

        send_sms(
            to=phone,
            kind="notification",
            params={"title": ALREADY_REGISTERED_TITLE},
            erase_after_delivery=True,
        )

    def get_login_stages(self) -> list[str]:
        return [
            "home.account_adapter.MandatoryForEmailAccountsStage"
            if path == "allauth.account.stages.EmailVerificationStage"
            else path
            for path in super().get_login_stages()
        ]

    @transaction.atomic
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        # A number-only account has no address: NULL, never "" (unique).
        user.email = user.email or None
        if commit:
            user.save()
        return user


class MandatoryForEmailAccountsStage(EmailVerificationStage):
    """Email verification stays mandatory for every account that has an email
    address; an account made with a mobile number only is verified by its SMS
    code instead (allauth's phone verification stage)."""

    def handle(self):
        login = self.login
        email = login.email or (login.user.email if login.user else None)
        if not email:
            return None, True
        login.email_verification = app_settings.EmailVerificationMethod.MANDATORY
        return super().handle()
