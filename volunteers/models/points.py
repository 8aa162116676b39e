"""Incentive points (积分): an append-only ledger, one account row per volunteer
holding the balance the database keeps at zero or above, rollups per period for
leaderboards and charts, and the star levels reached."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from volunteers.service_hours import hours_from_minutes

DEFAULT_STAR_HOURS = (100, 300, 600, 1000, 1500)
DEFAULT_MAXIMUM_SHIFT_HOURS = 12
# The database's own limit (shifts.py): the setting can lower it, never raise it.
MAXIMUM_SHIFT_HOURS_CAP = 24
ALL_TIME = "all"


@register_setting(icon="pick")
class VolunteerPointsSettings(BaseGenericSetting):
    """What approved hours earn, the star thresholds and the certificates' issuer.
    A change applies to what is posted from then on, never to past entries."""

    points_per_hour = models.PositiveIntegerField(
        _("Points per approved hour"),
        default=10,
        help_text=_("Multiplied by the activity's points multiplier."),
    )
    star_1_hours = models.PositiveIntegerField(_("1 star (hours)"), default=100)
    star_2_hours = models.PositiveIntegerField(_("2 stars (hours)"), default=300)
    star_3_hours = models.PositiveIntegerField(_("3 stars (hours)"), default=600)
    star_4_hours = models.PositiveIntegerField(_("4 stars (hours)"), default=1000)
    star_5_hours = models.PositiveIntegerField(_("5 stars (hours)"), default=1500)
    star_bonus_points = models.PositiveIntegerField(
        _("Bonus points for reaching a star level"), default=200
    )
    certificate_issuer = models.CharField(
        _("Issuer of certificates not tied to one unit"),
        max_length=100,
        default="贵阳市绿丝带志愿服务平台",
    )
    maximum_shift_hours = models.PositiveSmallIntegerField(
        _("Longest shift (hours)"),
        default=DEFAULT_MAXIMUM_SHIFT_HOURS,
        validators=[MinValueValidator(1), MaxValueValidator(MAXIMUM_SHIFT_HOURS_CAP)],
        help_text=_(
            "Editors cannot save a shift longer than this; the database refuses "
            "any shift over 24 hours."
        ),
    )

    panels = [
        FieldPanel("points_per_hour"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("star_1_hours"),
                        FieldPanel("star_2_hours"),
                        FieldPanel("star_3_hours"),
                    ]
                ),
                FieldRowPanel([FieldPanel("star_4_hours"), FieldPanel("star_5_hours")]),
                FieldPanel("star_bonus_points"),
            ],
            heading=_("Star levels"),
        ),
        FieldPanel("certificate_issuer"),
        FieldPanel("maximum_shift_hours"),
    ]

    class Meta:
        verbose_name = _("Volunteer points")
        verbose_name_plural = _("Volunteer points")

    @property
    def star_hours(self) -> list[int]:
        return [getattr(self, f"star_{level}_hours") for level in range(1, 6)]


class PointsAccount(models.Model):
    """A volunteer's running totals. Changed only by the points services, by a
    conditional UPDATE in the transaction that writes the ledger entry, so that
    ``balance`` always equals the sum of the volunteer's entries."""

    volunteer = models.OneToOneField(
        "volunteers.Volunteer",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="points_account",
    )
    balance = models.IntegerField(_("Balance"), default=0)
    earned_points = models.IntegerField(_("Points earned"), default=0)
    approved_minutes = models.IntegerField(_("Approved minutes"), default=0)
    star_level = models.PositiveSmallIntegerField(_("Star level"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Points account")
        verbose_name_plural = _("Points accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="points_balance_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(approved_minutes__gte=0),
                name="points_account_minutes_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(star_level__lte=5), name="points_account_star_level"
            ),
        ]

    def __str__(self):
        return f"{self.volunteer_id}: {self.balance}"

    @property
    def approved_hours(self):
        return hours_from_minutes(self.approved_minutes)


class PointsEntry(models.Model):
    """One line of the ledger. Never updated or deleted: a correction posts a
    reversal and a new credit. ``idempotency_key`` makes any repeated posting
    (a retried job, a double click) a no-op."""

    class Kind(models.TextChoices):
        CREDIT = "credit", _("Approved hours")
        BONUS = "bonus", _("Bonus")
        DEBIT = "debit", _("Redemption")
        REVERSAL = "reversal", _("Reversal")
        REFUND = "refund", _("Refund")

    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("Volunteer"),
        on_delete=models.PROTECT,
        related_name="points_entries",
    )
    kind = models.CharField(_("Kind"), max_length=10, choices=Kind.choices)
    points = models.IntegerField(_("Points"))
    # Minutes of service the entry counts (credits positive, reversals negative).
    minutes = models.IntegerField(_("Minutes"), default=0)
    record = models.ForeignKey(
        "volunteers.ServiceRecord",
        verbose_name=_("Service record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="points_entries",
    )
    # Credits of one record are numbered; a correction reverses revision n and
    # credits n + 1.
    revision = models.PositiveIntegerField(default=0)
    redemption = models.ForeignKey(
        "volunteers.Redemption",
        verbose_name=_("Redemption"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="points_entries",
    )
    # Where the entry counts in the rollups (copied so a reversal undoes exactly).
    month = models.DateField(_("Month"))
    unit = models.ForeignKey(
        "home.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "home.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    idempotency_key = models.CharField(max_length=100, unique=True)
    note = models.CharField(_("Note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("Date"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Points entry")
        verbose_name_plural = _("Points entries")
        constraints = [
            models.UniqueConstraint(
                fields=["record", "revision"],
                condition=Q(kind="credit"),
                name="points_one_credit_per_record_revision",
            ),
            models.UniqueConstraint(
                fields=["record", "revision"],
                condition=Q(kind="reversal"),
                name="points_one_reversal_per_record_revision",
            ),
            models.CheckConstraint(
                condition=Q(kind="credit", record__isnull=False, revision__gte=1)
                | Q(kind="reversal", record__isnull=False, revision__gte=1)
                | Q(kind__in=["bonus", "debit", "refund"], record__isnull=True),
                name="points_entry_record_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["credit", "bonus", "refund"], points__gte=0)
                | Q(kind__in=["debit", "reversal"], points__lte=0),
                name="points_entry_sign_matches_kind",
            ),
        ]
        indexes = [
            models.Index(
                fields=["volunteer", "-created_at"], name="points_entry_vol_idx"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.points:+d}"

    @property
    def hours(self):
        return hours_from_minutes(self.minutes)


class PeriodTotal(models.Model):
    """Minutes and points earned in a period: ``YYYY-MM``, ``YYYY`` or ``all``.
    Kept in the ledger's transactions, so leaderboards read a few rows."""

    period = models.CharField(max_length=7)
    minutes = models.IntegerField(default=0)
    points = models.IntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.period}: {self.minutes} min, {self.points} points"

    @property
    def hours(self):
        return hours_from_minutes(self.minutes)


class VolunteerPeriodTotal(PeriodTotal):
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="period_totals"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "period"], name="volunteer_period_total_once"
            )
        ]
        indexes = [
            # The leaderboards' ORDER BY (value DESC, volunteer_id) read in order.
            models.Index(
                fields=["period", "-minutes", "volunteer"], name="vol_total_minutes_idx"
            ),
            models.Index(
                fields=["period", "-points", "volunteer"], name="vol_total_points_idx"
            ),
        ]


class UnitPeriodTotal(PeriodTotal):
    """Hours served in activities the unit organised, and the points they earned."""

    unit = models.ForeignKey(
        "home.Unit", on_delete=models.CASCADE, related_name="volunteer_period_totals"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period"], name="unit_period_total_once"
            )
        ]
        indexes = [
            models.Index(fields=["period", "-minutes"], name="unit_total_minutes_idx"),
        ]


class DistrictPeriodTotal(PeriodTotal):
    """Hours and points of the volunteers registered in the district."""

    district = models.ForeignKey(
        "home.District", on_delete=models.CASCADE, related_name="volunteer_totals"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["district", "period"], name="district_period_total_once"
            )
        ]


class StarAward(models.Model):
    """A star level a volunteer reached: notified and rewarded once, ever."""

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="star_awards"
    )
    level = models.PositiveSmallIntegerField(_("Star level"))
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Star level reached")
        verbose_name_plural = _("Star levels reached")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "level"], name="star_award_once"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="star_award_level_range"
            ),
        ]

    def __str__(self):
        return f"{self.volunteer_id}: {self.level}"
