"""Residents' comments, support, flags, moderation, official replies, following."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 2000
COMMENT_MIN_LENGTH = 5

# What the author of a comment held for sensitive words is told on submission.
HELD_MESSAGE = _(
    "Your comment contains content that needs review; it will be published once "
    "approved."
)

# Lets constraints say body__length__gte=…
models.TextField.register_lookup(Length)


class Violation(models.TextChoices):
    """The rules a moderator can confirm a comment broke (a fixed list: the public
    pages count removed comments by these)."""

    ABUSE = "abuse", _("Abusive or offensive")
    SPAM = "spam", _("Advertising or spam")
    PRIVACY = "privacy", _("Reveals personal information")
    ILLEGAL = "illegal", _("Unlawful content")
    OFF_TOPIC = "off_topic", _("Off topic")
    DUPLICATE = "duplicate", _("Repeated posting")
    OTHER = "other", _("Other breach of the rules")


# A comment hidden or rejected stays owed an answer: only a violation a moderator
# confirmed takes it out of the answer rate (pending comments never entered it).
ANSWER_RATE_STATUSES = ("published", "hidden", "rejected")


def answer_rate_counted(prefix: str = "") -> models.Q:
    """The comments an answer rate counts (and a unit may answer): published,
    hidden or rejected, without a confirmed violation. ``prefix`` is the path to
    the comment ("comments__" from a consultation)."""
    return models.Q(
        **{f"{prefix}status__in": ANSWER_RATE_STATUSES, f"{prefix}violation": ""}
    )


class Comment(models.Model):
    """A resident's comment on a consultation (or one of its clauses), or feedback
    on a unit's pledge (``pledge``; ``clause_id`` holds the commitment's id).
    Exactly one of ``consultation`` and ``pledge`` is set; ``target`` is it."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        NOT_KEPT = "not_kept", _("Report: not being kept")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden pending review")
        REJECTED = "rejected", _("Rejected")

        @property
        def tone(self) -> str:
            """The badge tone: success, info, warning, danger or muted."""
            cls = type(self)
            return {
                cls.PENDING: "warning",
                cls.PUBLISHED: "success",
                cls.HIDDEN: "warning",
                cls.REJECTED: "danger",
            }[self]

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("Consultation"),
        on_delete=models.CASCADE,
        related_name="comments",
        null=True,
        blank=True,
    )
    pledge = models.ForeignKey(
        "home.PledgePage",
        verbose_name=_("Pledge"),
        on_delete=models.CASCADE,
        related_name="feedback",
        null=True,
        blank=True,
    )
    kind = models.CharField(
        _("Kind"), max_length=10, choices=Kind.choices, default=Kind.COMMENT
    )
    clause_id = models.CharField(
        _("Clause"),
        max_length=64,
        blank=True,
        help_text=_("The clause's block id; empty for the whole text."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Author"),
        on_delete=models.SET_NULL,  # a deleted account's comments stay, anonymised
        null=True,
        related_name="consultation_comments",
    )
    body = models.TextField(_("Comment"), max_length=COMMENT_MAX_LENGTH)
    show_masked_name = models.BooleanField(
        _("Show my name masked"),
        default=False,
        help_text=_("Others see 张* instead of your display name."),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    support_count = models.PositiveIntegerField(_("Supports"), default=0)
    flag_count = models.PositiveIntegerField(
        _("Flags"),
        default=0,
        help_text=_("Reports that count (not those of the unit's own members)."),
    )
    review_requested_at = models.DateTimeField(
        _("Sent to moderators"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the reports reached the threshold; it stays visible."),
    )
    violation = models.CharField(
        _("Rule broken"),
        max_length=12,
        choices=Violation.choices,
        blank=True,
        help_text=_(
            "Set only when a moderator confirms the comment broke the rules: it "
            "then leaves the answer rate."
        ),
    )
    held_words = models.JSONField(
        _("Sensitive words matched"), default=list, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True, db_index=True)
    due_at = models.DateTimeField(_("Reply due"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    overdue_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Comment")
        verbose_name_plural = _("Comments")
        permissions = [("moderate_comment", _("Can moderate comments"))]
        indexes = [
            models.Index(
                fields=["consultation", "status", "created_at", "id"],
                name="comment_list_idx",
            ),
            models.Index(
                fields=["consultation", "clause_id"], name="comment_clause_idx"
            ),
            models.Index(fields=["status", "due_at"], name="comment_due_idx"),
            models.Index(
                fields=["pledge", "status", "created_at", "id"],
                name="comment_pledge_list_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consultation__isnull=False, pledge__isnull=True)
                | models.Q(consultation__isnull=True, pledge__isnull=False),
                name="comment_one_target",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="comment") | models.Q(pledge__isnull=False),
                name="comment_not_kept_on_pledges",
            ),
            models.CheckConstraint(
                condition=models.Q(violation="") | models.Q(status="rejected"),
                name="comment_violation_only_rejected",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    body__length__gte=COMMENT_MIN_LENGTH,
                    body__length__lte=COMMENT_MAX_LENGTH,
                ),
                name="comment_body_length",
            ),
        ]

    def __str__(self):
        return self.body[:40]

    @property
    def status_tone(self) -> str:
        return self.Status(self.status).tone

    @property
    def target(self):
        """The commented page: the consultation, or the pledge. Both offer
        ``unit``, ``title``, ``clause_list``, ``clause_label``, ``flag_threshold``."""
        return self.consultation if self.consultation_id else self.pledge

    @property
    def author_label(self) -> str:
        if self.author is None:
            return str(_("Former user"))
        if self.author.is_closed:
            return self.author.get_full_name()
        # Never the email address: a resident without a display name is "Resident".
        name = self.author.display_name.strip() or str(_("Resident"))
        if self.show_masked_name:
            return name[:1] + "*" * max(1, min(len(name) - 1, 2))
        return name


class CommentSupport(models.Model):
    """附议: a resident supports someone else's comment, once."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Support")
        verbose_name_plural = _("Supports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"], name="comment_support_once"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.comment_id}"


class CommentFlag(models.Model):
    class Reason(models.TextChoices):
        ABUSE = "abuse", _("Abusive or offensive")
        SPAM = "spam", _("Advertising or spam")
        PRIVACY = "privacy", _("Reveals personal information")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Other")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("Reason"), max_length=10, choices=Reason.choices)
    note = models.CharField(_("Details"), max_length=200, blank=True)
    counted = models.BooleanField(
        _("Counts toward the threshold"),
        default=True,
        help_text=_("False for a member of the unit the comment is about."),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Flag")
        verbose_name_plural = _("Flags")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"], name="comment_flag_once"
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.comment_id})"


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    PARTLY_ADOPTED = "partly", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    EXPLAINED = "explained", _("Explained")
    DUPLICATE = "duplicate", _("Duplicate")

    @property
    def tone(self) -> str:
        """The badge tone: success, info, warning, danger or muted."""
        cls = type(self)
        return {
            cls.ADOPTED: "success",
            cls.PARTLY_ADOPTED: "success",
            cls.NOT_ADOPTED: "danger",
            cls.EXPLAINED: "info",
            cls.DUPLICATE: "muted",
        }[self]


class OfficialReply(models.Model):
    """The issuing unit's answer to a comment: an outcome and a text."""

    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, related_name="reply"
    )
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Responder"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    outcome = models.CharField(_("Outcome"), max_length=12, choices=Outcome.choices)
    body = models.TextField(_("Reply"), max_length=4000)
    reason = models.TextField(
        _("Reason"),
        max_length=2000,
        blank=True,
        help_text=_("Required when the suggestion is not adopted."),
    )
    created_at = models.DateTimeField(_("Answered at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Official reply")
        verbose_name_plural = _("Official replies")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="not_adopted") | ~models.Q(reason=""),
                name="reply_not_adopted_needs_reason",
                violation_error_message=_("Give the reason why it is not adopted."),
            ),
            models.CheckConstraint(
                condition=models.Q(body__length__gte=1), name="reply_body_not_empty"
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.comment_id})"

    @property
    def outcome_tone(self) -> str:
        return Outcome(self.outcome).tone


class ReplyTemplate(models.Model):
    """Saved replies a unit's responders use to answer similar comments in bulk."""

    unit = models.ForeignKey(
        "home.Unit", on_delete=models.CASCADE, related_name="reply_templates"
    )
    title = models.CharField(_("Title"), max_length=80)
    outcome = models.CharField(_("Outcome"), max_length=12, choices=Outcome.choices)
    body = models.TextField(_("Reply"), max_length=4000)
    reason = models.TextField(_("Reason"), max_length=2000, blank=True)

    class Meta:
        ordering = ["unit", "title"]
        verbose_name = _("Reply template")
        verbose_name_plural = _("Reply templates")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "title"], name="reply_template_title"
            ),
        ]

    def __str__(self):
        return self.title


class ConsultationFollow(models.Model):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="follows",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    results_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Follow")
        verbose_name_plural = _("Follows")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="consultation_follow_once"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.consultation_id}"
