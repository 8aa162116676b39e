"""The user model: an email address logs in; display name and optional phone."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.phone import mask_phone, normalise_phone

# What a closed, anonymised account is called wherever a name would be shown.
CLOSED_ACCOUNT_NAME = _("Closed account")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email and not extra_fields.get("phone"):
            raise ValueError("An email address or a mobile number is required.")
        email = self.normalize_email(email).lower() if email else None
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    # Empty (NULL) for an account made with a mobile number only; unique when
    # present (NULLs never collide).
    email = models.EmailField(_("Email address"), unique=True, null=True, blank=True)
    display_name = models.CharField(
        _("Display name"),
        max_length=60,
        blank=True,
        help_text=_("The name shown on the platform; it need not be your real name."),
    )
    phone = models.CharField(
        _("Mobile number"),
        max_length=20,
        blank=True,
        help_text=_(
            "Optional. Stored in international format; the middle four digits are "
            "hidden when shown."
        ),
    )
    # Set only by a confirmed SMS code (allauth's phone verification, through
    # home.account_adapter.AccountAdapter.set_phone / set_phone_verified).
    phone_verified = models.BooleanField(_("Mobile number verified"), default=False)

    # Set when the account was closed and anonymised (home/account_closure/):
    # the row stays so that public comments and statistics keep their author,
    # shown everywhere as "Closed account" (已注销用户).
    closed_at = models.DateTimeField(_("Closed at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("User")
        verbose_name_plural = _("Users")
        constraints = [
            models.UniqueConstraint(
                fields=["phone"],
                condition=~Q(phone=""),
                name="home_user_phone_unique_when_present",
                violation_error_message=_(
                    "This mobile number is already used by another account."
                ),
            ),
        ]

    def __str__(self):
        if self.closed_at is not None:
            return str(CLOSED_ACCOUNT_NAME)
        return self.display_name or self.email or self.masked_phone

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def clean(self):
        super().clean()
        try:
            self.phone = normalise_phone(self.phone)
        except ValidationError as error:
            raise ValidationError({"phone": error.messages}) from error

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def get_full_name(self):
        """The name shown for this person everywhere; "Closed account" once the
        account is closed."""
        if self.closed_at is not None:
            return str(CLOSED_ACCOUNT_NAME)
        if self.display_name:
            return self.display_name
        if self.email:
            return self.email.split("@")[0]
        return self.masked_phone

    def get_short_name(self):
        return self.get_full_name()
