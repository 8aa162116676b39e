"""Open facilities (开放设施): a unit's sports grounds, halls and rooms that
residents book by the slot, with weekly opening hours.

A slot is never double-booked: a booking row per (facility, slot start) and a
partial unique constraint over the active statuses (requested, approved) let the
database refuse the second request, however many arrive at once."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models.units import District, Unit


class FacilityKind(models.TextChoices):
    SPORTS_GROUND = "sports_ground", _("Sports ground")
    ACTIVITY_CENTRE = "activity_centre", _("Activity centre")
    MEETING_ROOM = "meeting_room", _("Meeting room")
    READING_ROOM = "reading_room", _("Library or reading room")
    CANTEEN = "canteen", _("Canteen")
    PARKING = "parking", _("Parking")
    TOILET = "toilet", _("Toilet")
    OTHER = "other", _("Other")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Facility(models.Model):
    """A facility a unit opens to residents, booked in slots of ``slot_minutes``
    that start at each opening time of the day."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("Unit"),
        on_delete=models.CASCADE,
        related_name="facilities",
    )
    name = models.CharField(_("Name"), max_length=80)
    kind = models.CharField(_("Kind"), max_length=20, choices=FacilityKind.choices)
    address = models.CharField(_("Address"), max_length=200)
    district = models.ForeignKey(
        District,
        verbose_name=_("District"),
        on_delete=models.PROTECT,
        related_name="facilities",
    )
    description = models.TextField(_("Description"), max_length=2000, blank=True)
    rules = models.TextField(
        _("Rules for users"),
        max_length=2000,
        blank=True,
        help_text=_("What residents must know and respect when they use it."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    capacity = models.PositiveSmallIntegerField(
        _("Capacity (people)"),
        validators=[MinValueValidator(1), MaxValueValidator(5000)],
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("Slot length (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    booking_horizon_days = models.PositiveSmallIntegerField(
        _("Bookable days ahead"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("How many days ahead residents may book."),
    )
    pledge_item = models.ForeignKey(
        "home.PledgeItem",
        verbose_name=_("Pledge commitment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilities",
        help_text=_("The commitment of the unit's pledge that opening it fulfils."),
    )
    is_active = models.BooleanField(
        _("Open for booking"),
        default=True,
        help_text=_("Inactive facilities are hidden and cannot be booked."),
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    class Meta:
        ordering = ["unit", "name"]
        verbose_name = _("Open facility")
        verbose_name_plural = _("Open facilities")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="home_facility_unique_name_per_unit",
                violation_error_message=_(
                    "This unit already has a facility with this name."
                ),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="home_facility_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=15, slot_minutes__lte=480),
                name="home_facility_slot_minutes_range",
            ),
            models.CheckConstraint(
                condition=Q(booking_horizon_days__gte=1, booking_horizon_days__lte=90),
                name="home_facility_horizon_range",
            ),
        ]
        indexes = [models.Index(fields=["is_active", "district", "kind"])]

    def __str__(self):
        return f"{self.name}（{self.unit}）" if self.unit_id else self.name

    def get_absolute_url(self):
        return reverse("home:facility_detail", kwargs={"pk": self.pk})


class FacilityOpeningHours(models.Model):
    """One opening period on a weekday, in local time (Asia/Shanghai). A day may
    have several periods (morning and afternoon); they never overlap."""

    facility = models.ForeignKey(
        Facility,
        verbose_name=_("Facility"),
        on_delete=models.CASCADE,
        related_name="opening_hours",
    )
    weekday = models.PositiveSmallIntegerField(_("Weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("Opens"))
    closes = models.TimeField(_("Closes"))

    class Meta:
        ordering = ["facility", "weekday", "opens"]
        verbose_name = _("Opening hours")
        verbose_name_plural = _("Opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")),
                name="home_facilityopeninghours_closes_after_opens",
                violation_error_message=_("The closing time must be after opening."),
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6),
                name="home_facilityopeninghours_weekday_range",
            ),
            models.UniqueConstraint(
                fields=["facility", "weekday", "opens"],
                name="home_facilityopeninghours_unique_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


def validate_opening_hours(periods) -> None:
    """Refuse a set of (weekday, opens, closes) periods where one closes before it
    opens or two on the same weekday overlap. Raises ``ValidationError`` listing
    every problem."""
    errors = []
    by_day: dict[int, list] = {}
    for weekday, opens, closes in periods:
        label = Weekday(weekday).label
        if closes <= opens:
            errors.append(
                _(
                    "%(day)s %(opens)s–%(closes)s: the closing time must be after "
                    "opening."
                )
                % {"day": label, "opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"}
            )
            continue
        by_day.setdefault(weekday, []).append((opens, closes))
    for weekday, day_periods in sorted(by_day.items()):
        day_periods.sort()
        for (opens_a, closes_a), (opens_b, closes_b) in zip(
            day_periods, day_periods[1:], strict=False
        ):
            if opens_b < closes_a:
                errors.append(
                    _("%(day)s: %(first)s and %(second)s overlap.")
                    % {
                        "day": Weekday(weekday).label,
                        "first": f"{opens_a:%H:%M}–{closes_a:%H:%M}",
                        "second": f"{opens_b:%H:%M}–{closes_b:%H:%M}",
                    }
                )
    if errors:
        raise ValidationError(errors)


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")

    @property
    def tone(self) -> str:
        """The badge tone: success, info, warning, danger or muted."""
        cls = type(self)
        return {
            cls.REQUESTED: "warning",
            cls.APPROVED: "success",
            cls.DECLINED: "muted",
            cls.CANCELLED: "muted",
        }[self]


ACTIVE_BOOKING_STATUSES = (BookingStatus.REQUESTED, BookingStatus.APPROVED)


class FacilityBooking(models.Model):
    """A resident's request for one slot of a facility, and the unit's decision."""

    Status = BookingStatus

    facility = models.ForeignKey(
        Facility,
        verbose_name=_("Facility"),
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Resident"),
        on_delete=models.CASCADE,
        related_name="facility_bookings",
    )
    starts_at = models.DateTimeField(_("Starts at"))
    ends_at = models.DateTimeField(_("Ends at"))
    people = models.PositiveSmallIntegerField(
        _("Number of people"), validators=[MinValueValidator(1)]
    )
    purpose = models.CharField(_("Purpose"), max_length=200)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=BookingStatus.choices,
        default=BookingStatus.REQUESTED,
    )
    decision_reason = models.CharField(_("Reason"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("Cancelled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("Requested at"), auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("Facility booking")
        verbose_name_plural = _("Facility bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "starts_at"],
                condition=Q(status__in=ACTIVE_BOOKING_STATUSES),
                name="home_facilitybooking_one_active_per_slot",
                violation_error_message=_("This slot has just been taken."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="home_facilitybooking_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(people__gte=1), name="home_facilitybooking_people_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["facility", "status", "starts_at"]),
            models.Index(fields=["user", "status", "starts_at"]),
        ]

    def __str__(self):
        starts_at = timezone.localtime(self.starts_at)
        return f"{self.facility.name} · {starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_BOOKING_STATUSES

    @property
    def status_tone(self) -> str:
        return BookingStatus(self.status).tone


def new_booking_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class BookingCalendarToken(models.Model):
    """The secret in a resident's private calendar address for their bookings.
    Replacing it revokes the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        on_delete=models.CASCADE,
        related_name="booking_calendar_token",
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_booking_calendar_token, editable=False
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Booking calendar link")
        verbose_name_plural = _("Booking calendar links")

    def __str__(self):
        return str(self.user)
