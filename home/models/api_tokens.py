"""Personal access tokens for the API (home/api_tokens/): a person creates one
on /me/account/tokens/, sees it once, and sends it as ``Authorization: Bearer …``.
Only a SHA-256 digest is stored: the token is 32 random bytes, so a slow hash
would add nothing, and a digest can be looked up by an index."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiTokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class PersonalAccessToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_access_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=80)
    scope = models.CharField(
        _("scope"),
        max_length=10,
        choices=ApiTokenScope.choices,
        default=ApiTokenScope.READ,
    )
    # The first characters of the token, shown in the list so that a person can
    # tell their tokens apart; never enough to use it.
    prefix = models.CharField(_("starts with"), max_length=16)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=ApiTokenScope.values),
                name="api_token_scope_known",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_active(self, now) -> bool:
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > now
        )

    @property
    def can_write(self) -> bool:
        return self.scope == ApiTokenScope.WRITE
