"""Consent, recorded (PIPL arts. 14, 29): the versions of the privacy policy, the
terms and the volunteers' rules for sensitive personal information, and who
accepted which version, when and how. Staff edit the versions in the admin; the
current version of a kind is the latest one in effect (``home.consent``)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PolicyVersion(models.Model):
    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("Privacy policy")
        TERMS = "terms", _("Terms of use")
        VOLUNTEER_SENSITIVE = (
            "volunteer_sensitive",
            _("Volunteers' sensitive personal information"),
        )

    kind = models.CharField(_("Kind"), max_length=30, choices=Kind.choices)
    version = models.CharField(
        _("Version"),
        max_length=30,
        help_text=_("For example 2026-12 or 2.0; shown to people with the policy."),
    )
    effective_on = models.DateField(
        _("Effective from"),
        help_text=_(
            "From this day (Beijing time) this version is the current one and "
            "signed-in people who have not accepted it are asked to."
        ),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page where the policy is published."),
    )
    url = models.URLField(
        _("Address"),
        blank=True,
        help_text=_("Or the address where it is published, when it is not a page."),
    )
    summary = models.TextField(
        _("What changed"),
        blank=True,
        help_text=_("Shown to people asked to accept this version: say it plainly."),
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "-effective_on", "-pk"]
        verbose_name = _("Policy version")
        verbose_name_plural = _("Policy versions")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "version"],
                name="home_policyversion_kind_version_unique",
                violation_error_message=_("This policy already has this version."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version}"

    def clean(self):
        super().clean()
        if not self.page_id and not self.url:
            raise ValidationError(
                _("Choose the page where the policy is published, or give its address.")
            )

    @property
    def link(self) -> str:
        """Where people read this version (the page, else the address)."""
        if self.page_id:
            return self.page.url or self.url
        return self.url


class ConsentRecord(models.Model):
    class Method(models.TextChoices):
        SIGNUP = "signup", _("At sign-up")
        REASK = "reask", _("Asked again after a change")
        REGISTRATION = "registration", _("At volunteer registration")
        DEMO = "demo", _("Demo data")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        on_delete=models.CASCADE,
        related_name="consent_records",
    )
    # An accepted version cannot be deleted: the record must say what was agreed.
    policy_version = models.ForeignKey(
        PolicyVersion,
        verbose_name=_("Policy version"),
        on_delete=models.PROTECT,
        related_name="consent_records",
    )
    accepted_at = models.DateTimeField(_("Accepted at"), default=timezone.now)
    method = models.CharField(_("How"), max_length=20, choices=Method.choices)
    withdrawn_at = models.DateTimeField(_("Withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-accepted_at", "-pk"]
        verbose_name = _("Consent record")
        verbose_name_plural = _("Consent records")
        constraints = [
            # One standing acceptance per version; after a withdrawal, a new one.
            models.UniqueConstraint(
                fields=["user", "policy_version"],
                condition=Q(withdrawn_at__isnull=True),
                name="home_consentrecord_one_standing_per_version",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True)
                | Q(withdrawn_at__gte=models.F("accepted_at")),
                name="home_consentrecord_withdrawn_after_accepted",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.policy_version}"
