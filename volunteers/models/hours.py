"""Service records (志愿服务记录): who served which shift, when, for how long.

Order No. 67 of the Ministry of Civil Affairs: whoever organises records, whoever
records certifies; records are true, accurate, complete and timely.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from volunteers.service_hours import hours_from_minutes


class ServiceRecord(models.Model):
    """One volunteer's service on one shift. Minutes are clamped to the shift."""

    class Status(models.TextChoices):
        CHECKED_IN = "checked_in", _("Checked in")
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

        @property
        def tone(self) -> str:
            """The badge tone: success, info, warning, danger or muted."""
            cls = type(self)
            return {
                cls.CHECKED_IN: "info",
                cls.PENDING: "muted",
                cls.APPROVED: "success",
                cls.REJECTED: "danger",
            }[self]

    class Source(models.TextChoices):
        QR = "qr", _("QR code scan")
        MANUAL = "manual", _("Entered by the organiser")

    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("Volunteer"),
        on_delete=models.PROTECT,
        related_name="service_records",
    )
    shift = models.ForeignKey(
        "volunteers.Shift",
        verbose_name=_("Shift"),
        on_delete=models.PROTECT,
        related_name="service_records",
    )
    # The organising unit at the time of service: who records certifies.
    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Organising unit"),
        on_delete=models.PROTECT,
        related_name="service_records",
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.CHECKED_IN
    )
    source = models.CharField(
        _("Source"), max_length=8, choices=Source.choices, default=Source.QR
    )
    started_at = models.DateTimeField(_("Started at"))
    ended_at = models.DateTimeField(_("Ended at"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("Minutes"), default=0)
    auto_closed = models.BooleanField(
        _("Check-out missing"),
        default=False,
        help_text=_(
            "Closed at the shift's end because the volunteer did not check out."
        ),
    )
    # Who typed or last changed the times by hand: they cannot approve them.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Times entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A record longer than its shift needs two approvers: the first is kept here.
    first_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("First approval by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    first_approved_at = models.DateTimeField(
        _("First approval at"), null=True, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("Reviewed at"), null=True, blank=True)
    rejection_reason = models.CharField(_("Reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("Service record")
        verbose_name_plural = _("Service records")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "shift"],
                name="service_record_one_per_shift",
                violation_error_message=_(
                    "This volunteer already has a record for this shift."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gt=F("started_at")),
                name="service_record_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status="checked_in") | Q(ended_at__isnull=False),
                name="service_record_closed_unless_checked_in",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="service_record_rejection_has_reason",
            ),
            # Separation of duties: whoever typed the times, or gave the first
            # of two approvals, does not give the approval that counts.
            models.CheckConstraint(
                condition=~Q(status="approved")
                | Q(entered_by__isnull=True)
                | Q(reviewed_by__isnull=True)
                | ~Q(reviewed_by=F("entered_by")),
                name="service_record_not_approved_by_its_typist",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | Q(first_approved_by__isnull=True)
                | Q(reviewed_by__isnull=True)
                | ~Q(reviewed_by=F("first_approved_by")),
                name="service_record_two_different_approvers",
            ),
        ]
        indexes = [
            models.Index(
                fields=["volunteer", "status", "started_at"],
                name="record_volunteer_idx",
            ),
            models.Index(
                fields=["unit", "status", "started_at"], name="record_unit_idx"
            ),
            models.Index(fields=["status", "ended_at"], name="record_status_ended_idx"),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.shift_id} · {self.get_status_display()}"

    @property
    def status_tone(self) -> str:
        return self.Status(self.status).tone

    @property
    def hours(self):
        return hours_from_minutes(self.minutes)

    @property
    def longer_than_shift(self) -> bool:
        """More minutes than the shift lasts (the shift was shortened, or the
        times were stretched): a second approver must confirm them."""
        shift = self.shift
        return self.minutes * 60 > (shift.ends_at - shift.starts_at).total_seconds()


class ServiceRecordCorrection(models.Model):
    """A volunteer's request to correct the times of one of their records. An
    organiser of the organising unit accepts it (the record takes the new times
    and the change is kept in the history) or declines it with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting a decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    record = models.ForeignKey(
        ServiceRecord,
        verbose_name=_("Service record"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    proposed_started_at = models.DateTimeField(_("Proposed start"))
    proposed_ended_at = models.DateTimeField(_("Proposed end"))
    reason = models.CharField(_("Reason"), max_length=500)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    decision_reason = models.CharField(
        _("Reason for the decision"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(_("Requested at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Correction request")
        verbose_name_plural = _("Correction requests")
        constraints = [
            models.UniqueConstraint(
                fields=["record"],
                condition=Q(status="pending"),
                name="service_correction_one_open_per_record",
                violation_error_message=_(
                    "A correction of this record is already awaiting a decision."
                ),
            ),
            models.CheckConstraint(
                condition=Q(proposed_ended_at__gt=F("proposed_started_at")),
                name="service_correction_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_reason=""),
                name="service_correction_decline_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="correction_status_idx"),
        ]

    def __str__(self):
        return f"{self.record_id} · {self.get_status_display()}"


class ServiceRecordChange(models.Model):
    """The history of a record's times and status: who changed what, when and
    why, with the old and the new values. Rows are only ever added."""

    class Kind(models.TextChoices):
        ENTERED = "entered", _("Entered by the organiser")
        EDITED = "edited", _("Times corrected by the organiser")
        CORRECTION = "correction", _("Correction accepted")

    record = models.ForeignKey(
        ServiceRecord,
        verbose_name=_("Service record"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    kind = models.CharField(_("Kind"), max_length=12, choices=Kind.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("Changed at"))
    reason = models.CharField(_("Reason"), max_length=500, blank=True)
    correction = models.OneToOneField(
        ServiceRecordCorrection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="change",
    )
    old_status = models.CharField(_("Old status"), max_length=12, blank=True)
    old_started_at = models.DateTimeField(_("Old start"), null=True, blank=True)
    old_ended_at = models.DateTimeField(_("Old end"), null=True, blank=True)
    old_minutes = models.PositiveIntegerField(_("Old minutes"), null=True, blank=True)
    new_status = models.CharField(_("New status"), max_length=12)
    new_started_at = models.DateTimeField(_("New start"))
    new_ended_at = models.DateTimeField(_("New end"))
    new_minutes = models.PositiveIntegerField(_("New minutes"))

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("Service record change")
        verbose_name_plural = _("Service record changes")

    def __str__(self):
        return f"{self.record_id} · {self.get_kind_display()} · {self.changed_at}"
