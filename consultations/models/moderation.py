"""The moderation log, appeals against its decisions, commenting bans and the
staff's list of sensitive words."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .comments import Comment, Violation


class ModerationDecision(models.Model):
    """The moderation log: who decided what about a comment, when and why."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Removed: broke the rules")
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        AUTO_HIDE = "auto_hide", _("Hidden automatically after flags")
        ESCALATE = "escalate", _("Sent to moderators after reports")
        HOLD = "hold", _("Held for sensitive words")
        APPEAL_GRANT = "appeal_ok", _("Appeal granted")
        APPEAL_DENY = "appeal_no", _("Appeal refused")

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="moderation_decisions"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("Action"), max_length=10, choices=Action.choices)
    violation = models.CharField(
        _("Rule broken"), max_length=12, choices=Violation.choices, blank=True
    )
    reason = models.CharField(_("Reason"), max_length=500)
    created_at = models.DateTimeField(_("Time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Moderation decision")
        verbose_name_plural = _("Moderation log")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(action="reject") | ~models.Q(violation=""),
                name="moderation_reject_names_rule",
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} ({self.comment_id})"


# Decisions an author may appeal: those a moderator (or the flags) took against
# the comment. An appeal's own outcome is final.
APPEALABLE_ACTIONS = (
    ModerationDecision.Action.REJECT,
    ModerationDecision.Action.HIDE,
    ModerationDecision.Action.AUTO_HIDE,
)


class ModerationAppeal(models.Model):
    """An author's one appeal against a moderation decision, decided by another
    moderator than the one who took the decision."""

    decision = models.OneToOneField(
        ModerationDecision,
        verbose_name=_("Decision appealed"),
        on_delete=models.CASCADE,
        related_name="appeal",
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="appeals"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.TextField(_("Why the decision is wrong"), max_length=1000)
    created_at = models.DateTimeField(_("Appealed at"), auto_now_add=True)
    outcome = models.OneToOneField(
        ModerationDecision,
        verbose_name=_("Outcome"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeal_decided",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Appeal")
        verbose_name_plural = _("Appeals")

    def __str__(self):
        return f"{self.comment_id}: {self.decision}"


class CommentingBan(models.Model):
    """A moderator's block on a user's commenting."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        on_delete=models.CASCADE,
        related_name="commenting_ban",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.CharField(_("Reason"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    until = models.DateTimeField(_("Until"), null=True, blank=True)

    class Meta:
        verbose_name = _("Commenting ban")
        verbose_name_plural = _("Commenting bans")

    def __str__(self):
        return str(self.user)


@register_setting(icon="warning")
class ModerationSettings(BaseGenericSetting):
    """Words that hold a comment for a moderator before anyone sees it."""

    sensitive_words = models.TextField(
        _("Sensitive words"),
        blank=True,
        help_text=_(
            "One word or phrase per line. A comment containing one waits for a "
            "moderator; its author is told, and the moderator sees the words."
        ),
    )

    panels = [FieldPanel("sensitive_words")]

    class Meta:
        verbose_name = _("Moderation settings")
        verbose_name_plural = _("Moderation settings")

    def word_list(self) -> list[str]:
        return [
            word.strip() for word in self.sensitive_words.splitlines() if word.strip()
        ]
