"""The site inbox (站内信): one row per notice to a person, and each person's
choice of extra channels (email, SMS) per kind of notice (home/inbox/)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InboxMessage(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="inbox_messages",
        verbose_name=_("recipient"),
    )
    # One of home.inbox.kinds.KINDS; not choices, so adding a kind needs no migration.
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    # A path on this site ("/consultations/…#comment-3"), never another host.
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inbox message")
        verbose_name_plural = _("inbox messages")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient", "read_at"], name="inbox_recipient_read_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A person's channels for one kind of notice; without a row the kind's
    defaults apply (home/inbox/kinds.py). The inbox itself is always on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    email = models.BooleanField(_("email"), default=True)
    sms = models.BooleanField(_("SMS"), default=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_preference_unique_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}"
