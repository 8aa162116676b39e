"""The record of who looked at whose personal data (issue 13, part 4).

One row per person whose data was shown or exported: a roster of thirty
volunteers downloaded once is thirty rows, so that each person can list the
accesses to *their* data (``/me/access-log/``) through an indexed column, and
staff can filter by viewer, person, kind of screen, unit and date. Rows are
written only by ``home.access_log.access_record`` and deleted only by the
retention job (``home.access_log.access_records_purge``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessRecord(models.Model):
    class What(models.TextChoices):
        ROSTER = "roster", _("Activity roster")
        ROSTER_EXPORT = "roster_export", _("Activity roster download")
        ATTENDANCE = "attendance", _("Shift attendance")
        VOLUNTEER_REVIEW = "volunteer_review", _("Volunteer registration review")
        SERVICE_RECORD = "service_record", _("Service record review")
        SERVICE_RECORD_EXPORT = "service_record_export", _("Service records download")
        UNIT_MEMBERS = "unit_members", _("Unit member list")
        CERTIFICATE = "certificate", _("Volunteer certificate download")
        TEAM_REQUESTS = "team_requests", _("Team join requests")
        FACILITY_BOOKINGS = "facility_bookings", _("Facility bookings")
        ADMIN_USER = "admin_user", _("Account in the admin")
        ADMIN_VOLUNTEER = "admin_volunteer", _("Volunteer profile in the admin")

    class ActedAs(models.TextChoices):
        UNIT = "unit", _("For a unit")
        TEAM = "team", _("As a team leader")
        STAFF = "staff", _("As platform staff")

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Viewer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Whose data"),
        on_delete=models.CASCADE,
        related_name="data_accesses",
    )
    what = models.CharField(_("What was seen"), max_length=30, choices=What.choices)
    acted_as = models.CharField(_("Acting as"), max_length=10, choices=ActedAs.choices)
    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Names as they were at the time, so the record still reads after a unit or
    # team is renamed or deleted.
    acting_for = models.CharField(_("Acting for"), max_length=200, blank=True)
    detail = models.CharField(_("About"), max_length=200, blank=True)
    path = models.CharField(_("Page address"), max_length=300, blank=True)
    accessed_at = models.DateTimeField(_("Accessed at"), default=timezone.now)

    class Meta:
        verbose_name = _("Personal data access")
        verbose_name_plural = _("Personal data accesses")
        ordering = ["-accessed_at", "-pk"]
        indexes = [
            models.Index(
                fields=["subject", "-accessed_at"], name="access_subject_time_idx"
            ),
            models.Index(
                fields=["viewer", "-accessed_at"], name="access_viewer_time_idx"
            ),
            models.Index(fields=["accessed_at"], name="access_time_idx"),
        ]

    def __str__(self):
        return f"{self.get_what_display()} · {self.accessed_at:%Y-%m-%d %H:%M}"

    @property
    def viewer_label(self) -> str:
        """Who looked, as the person whose data it was sees it: the unit's name,
        a team's leader, or the platform's staff — never the viewer's own name."""
        if self.acted_as == self.ActedAs.STAFF:
            return str(_("Platform staff"))
        if self.acted_as == self.ActedAs.TEAM:
            return str(_("Leader of the team “%(team)s”") % {"team": self.acting_for})
        return self.acting_for or str(_("A unit"))
