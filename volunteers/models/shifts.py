"""Shifts of an activity and volunteers' sign-ups for them."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey

from volunteers.models.activities import ActivityPage
from volunteers.models.points import MAXIMUM_SHIFT_HOURS_CAP


class Shift(Orderable):
    """A time slot of an activity with a number of places (content, edited with the
    activity and kept in its revisions). How many places are taken is not content:
    it lives on ``ShiftPlaces`` (``shift.places``), which revisions never see."""

    activity = ParentalKey(
        ActivityPage, on_delete=models.CASCADE, related_name="shifts"
    )
    role = models.CharField(_("Role"), max_length=60, blank=True)
    starts_at = models.DateTimeField(_("Starts at"))
    ends_at = models.DateTimeField(_("Ends at"))
    capacity = models.PositiveIntegerField(_("Places"))

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
                condition=Q(
                    ends_at__lte=F("starts_at")
                    + timedelta(hours=MAXIMUM_SHIFT_HOURS_CAP)
                ),
                name="shift_at_most_a_day",
                violation_error_message=_("A shift lasts at most 24 hours."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="shift_capacity_positive"
            ),
        ]

    def __str__(self):
        return f"{self.activity.title} · {self.starts_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        """Publishing an activity (from the editor, a workflow, the scheduler or an
        old revision) saves its shifts again: their places follow the new capacity
        but keep their count (see ``ShiftPlaces.sync``)."""
        with transaction.atomic():
            super().save(*args, **kwargs)
            ShiftPlaces.sync(self)

    @property
    def confirmed_count(self) -> int:
        """Places taken (read from ``ShiftPlaces``; 0 before the shift is saved)."""
        if self.pk is None:
            return 0
        try:
            return self.places.confirmed
        except ShiftPlaces.DoesNotExist:
            return 0

    def clean(self):
        super().clean()
        from volunteers.selectors.decisions import shift_length_error

        error = shift_length_error(starts_at=self.starts_at, ends_at=self.ends_at)
        if error:
            raise ValidationError({"ends_at": error})

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    def cancellation_closes_at(self, activity=None):
        activity = activity or self.activity
        return self.starts_at - timedelta(hours=activity.cancellation_deadline_hours)


class ShiftPlaces(models.Model):
    """The places of a shift: ``confirmed`` (taken) and ``capacity`` (the shift's
    capacity as last saved). Operational state, not content: a page revision
    serialises the shift but not this row, so publishing a draft saved before
    people signed up, approving a workflow, scheduled publishing, "revert to this
    revision" or copying the activity never gives taken places back.

    ``confirmed`` only moves through conditional UPDATEs (``… WHERE confirmed <
    capacity``) and the database refuses it above ``capacity``."""

    shift = models.OneToOneField(
        Shift, on_delete=models.CASCADE, primary_key=True, related_name="places"
    )
    capacity = models.PositiveIntegerField()
    confirmed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Places of a shift")
        verbose_name_plural = _("Places of shifts")
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed__lte=F("capacity")),
                name="shift_places_never_over_capacity",
            ),
        ]

    def __str__(self):
        return f"{self.shift_id}: {self.confirmed}/{self.capacity}"

    @classmethod
    def ensure(cls, shift: "Shift") -> None:
        """Create the row of a shift made without ``save()`` (``bulk_create``),
        counting its confirmed sign-ups."""
        if cls.objects.filter(pk=shift.pk).exists():
            return
        confirmed = Signup.objects.filter(
            shift_id=shift.pk, status=Signup.Status.CONFIRMED
        ).count()
        cls.objects.get_or_create(
            shift_id=shift.pk,
            defaults={
                "capacity": max(shift.capacity, confirmed),
                "confirmed": confirmed,
            },
        )

    @classmethod
    def take(cls, shift_id: int) -> bool:
        """Take a place if one is free: one conditional UPDATE."""
        return bool(
            cls.objects.filter(pk=shift_id, confirmed__lt=F("capacity")).update(
                confirmed=F("confirmed") + 1
            )
        )

    @classmethod
    def release(cls, shift_id: int) -> None:
        cls.objects.filter(pk=shift_id, confirmed__gt=0).update(
            confirmed=F("confirmed") - 1
        )

    @classmethod
    def sync(cls, shift: "Shift") -> None:
        """Follow the shift's capacity as just saved. Editors cannot set fewer
        places than are taken (the activity form refuses it); a revision published
        without the form (workflow, scheduler) that would do so keeps the places
        taken: the capacity becomes the number confirmed, on both rows."""
        cls.ensure(shift)
        shift._state.fields_cache.pop("places", None)
        if cls.objects.filter(pk=shift.pk, confirmed__lte=shift.capacity).update(
            capacity=shift.capacity
        ):
            return
        cls.objects.filter(pk=shift.pk).update(
            capacity=Greatest(F("confirmed"), shift.capacity)
        )
        shift.capacity = cls.objects.values_list("capacity", flat=True).get(pk=shift.pk)
        Shift.objects.filter(pk=shift.pk).update(capacity=shift.capacity)


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
