"""What comes of a request: the unit's reply, the resident's rating, and the
escalations when it is overdue."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .requests import private_storage


def reply_photo_path(instance, filename):
    import uuid

    return f"hotline/replies/{uuid.uuid4().hex}.jpg"


class Reply(models.Model):
    """The handling unit's answer and what was done; one per round."""

    request = models.ForeignKey(
        "hotline.Request",
        verbose_name=_("Request"),
        on_delete=models.CASCADE,
        related_name="replies",
    )
    round = models.PositiveSmallIntegerField(_("Round"), default=1)
    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Unit"),
        on_delete=models.PROTECT,
        related_name="hotline_replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("Answer and what was done"), max_length=4000)
    created_at = models.DateTimeField(_("Replied at"))
    due_at = models.DateTimeField(_("Due by"), null=True, blank=True)
    on_time = models.BooleanField(_("On time"), default=True)

    class Meta:
        ordering = ["round"]
        verbose_name = _("Reply")
        verbose_name_plural = _("Replies")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "round"], name="hotline_reply_one_per_round"
            ),
        ]

    def __str__(self):
        return f"{self.request} · {self.round}"


class ReplyPhoto(models.Model):
    reply = models.ForeignKey(
        Reply,
        verbose_name=_("Reply"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    image = models.ImageField(
        _("Photo"), upload_to=reply_photo_path, storage=private_storage
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Reply photo")
        verbose_name_plural = _("Reply photos")

    def __str__(self):
        return f"{self.reply} #{self.pk}"


class Rating(models.Model):
    """满意 / 基本满意 / 不满意, once per round: by the resident, or recorded by
    an operator in a follow-up call (回访)."""

    class Grade(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        FAIRLY = "fairly", _("Fairly satisfied")
        DISSATISFIED = "dissatisfied", _("Dissatisfied")

    request = models.ForeignKey(
        "hotline.Request",
        verbose_name=_("Request"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    round = models.PositiveSmallIntegerField(_("Round"), default=1)
    grade = models.CharField(_("Rating"), max_length=12, choices=Grade.choices)
    comment = models.TextField(_("Comment"), blank=True, max_length=1000)
    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Rated unit"),
        on_delete=models.PROTECT,
        related_name="hotline_ratings",
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Rated by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    by_follow_up = models.BooleanField(_("Recorded in a follow-up call"), default=False)
    created_at = models.DateTimeField(_("Rated at"))

    class Meta:
        ordering = ["round"]
        verbose_name = _("Rating")
        verbose_name_plural = _("Ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "round"], name="hotline_rating_one_per_round"
            ),
        ]

    def __str__(self):
        return f"{self.request} · {self.get_grade_display()}"


class Escalation(models.Model):
    """An overdue request raised to the district platform, then to city staff;
    once per level (the unique constraint makes a second run a no-op)."""

    class Level(models.TextChoices):
        DISTRICT = "district", _("District platform")
        CITY = "city", _("City")

    request = models.ForeignKey(
        "hotline.Request",
        verbose_name=_("Request"),
        on_delete=models.CASCADE,
        related_name="escalations",
    )
    level = models.CharField(_("Level"), max_length=10, choices=Level.choices)
    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Overdue unit"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Escalated at"))

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("Escalation")
        verbose_name_plural = _("Escalations")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "level"], name="hotline_escalation_once_per_level"
            ),
        ]

    def __str__(self):
        return f"{self.request} · {self.get_level_display()}"
