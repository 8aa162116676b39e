"""Shifts of an activity and volunteers' sign-ups for them."""

from datetime import timedelta

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey

from volunteers.models.activities import ActivityPage


class Shift(Orderable):
    """A time slot of an activity with a number of places. ``confirmed_count`` is
    kept by a conditional UPDATE and the database refuses it above capacity."""

    activity = ParentalKey(
        ActivityPage, on_delete=models.CASCADE, related_name="shifts"
    )
    role = models.CharField(_("Role"), max_length=60, blank=True)
    starts_at = models.DateTimeField(_("Starts at"))
    ends_at = models.DateTimeField(_("Ends at"))
    capacity = models.PositiveIntegerField(_("Places"))
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("capacity"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Shift")
        verbose_name_plural = _("Shifts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="shift_ends_after_start",
                violation_error_message=_("A shift must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="shift_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_count__lte=F("capacity")),
                name="shift_never_over_capacity",
            ),
        ]

    def __str__(self):
        return f"{self.activity.title} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    def cancellation_closes_at(self, activity=None):
        activity = activity or self.activity
        return self.starts_at - timedelta(hours=activity.cancellation_deadline_hours)


class Signup(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Did not come")

        @property
        def tone(self) -> str:
            """The badge tone: success, info, warning, danger or muted."""
            cls = type(self)
            return {
                cls.CONFIRMED: "success",
                cls.WAITLISTED: "info",
                cls.CANCELLED: "muted",
                cls.NO_SHOW: "warning",
            }[self]

    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="signups")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="signups"
    )
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(
        _("Signed up at"), auto_now_add=True, db_index=True
    )
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Sign-up")
        verbose_name_plural = _("Sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="signup_one_active_per_shift",
                violation_error_message=_("You have already signed up for this shift."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["shift", "status", "created_at"], name="signup_queue_idx"
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.shift_id} · {self.status}"

    @property
    def status_tone(self) -> str:
        return self.Status(self.status).tone
