"""What staff edit: categories, routing rules, district platforms, time limits
by tier and the calendar of public holidays and make-up working days (调休)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    NORMAL = "normal", _("Normal")
    COMPLEX = "complex", _("Complex")


class Category(models.Model):
    """What a request is about (供水, 供电, 燃气 …); the tier it starts with."""

    name = models.CharField(_("Name"), max_length=40, unique=True)
    slug = models.SlugField(_("URL slug"), max_length=40, unique=True)
    description = models.CharField(_("Description"), max_length=200, blank=True)
    default_tier = models.CharField(
        _("Default tier"), max_length=10, choices=Tier.choices, default=Tier.NORMAL
    )
    is_active = models.BooleanField(_("Offered to residents"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("Sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Request category")
        verbose_name_plural = _("Request categories")

    def __str__(self):
        return self.name


class DistrictPlatform(models.Model):
    """The unit that acts as a district's platform: it supervises the
    district's requests, takes reopened ones and the first escalation."""

    district = models.OneToOneField(
        "home.District",
        verbose_name=_("District"),
        on_delete=models.CASCADE,
        related_name="hotline_platform",
    )
    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Platform unit"),
        on_delete=models.PROTECT,
        related_name="hotline_platform_districts",
    )

    class Meta:
        ordering = ["district"]
        verbose_name = _("District platform")
        verbose_name_plural = _("District platforms")

    def __str__(self):
        return f"{self.district} · {self.unit}"


class RoutingRule(models.Model):
    """Category × district → handling unit. An empty district matches every
    district; among matching rules the highest priority wins, then a rule for
    the district over a city-wide one."""

    category = models.ForeignKey(
        Category,
        verbose_name=_("Category"),
        on_delete=models.CASCADE,
        related_name="routing_rules",
    )
    district = models.ForeignKey(
        "home.District",
        verbose_name=_("District"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hotline_routing_rules",
        help_text=_("Leave empty for a rule that applies in every district."),
    )
    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Handling unit"),
        on_delete=models.PROTECT,
        related_name="hotline_routing_rules",
    )
    priority = models.PositiveSmallIntegerField(_("Priority"), default=0)

    class Meta:
        ordering = ["category", "district", "-priority"]
        verbose_name = _("Routing rule")
        verbose_name_plural = _("Routing rules")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "district", "unit"],
                name="hotline_routingrule_unique",
            ),
        ]

    def __str__(self):
        where = self.district or _("all districts")
        return f"{self.category} · {where} → {self.unit}"


class TimeLimit(models.Model):
    """The time limits of one tier. Hours are calendar hours; working days skip
    weekends and public holidays and count make-up working days."""

    class Measure(models.TextChoices):
        HOURS = "hours", _("Hours")
        WORKING_DAYS = "working_days", _("Working days")

    tier = models.CharField(_("Tier"), max_length=10, choices=Tier.choices, unique=True)
    accept_amount = models.PositiveSmallIntegerField(_("Accept within"))
    accept_measure = models.CharField(
        _("Accept measure"), max_length=15, choices=Measure.choices
    )
    resolve_amount = models.PositiveSmallIntegerField(_("Resolve within"))
    resolve_measure = models.CharField(
        _("Resolve measure"), max_length=15, choices=Measure.choices
    )
    extension_amount = models.PositiveSmallIntegerField(
        _("Extension"),
        default=0,
        help_text=_("Zero: this tier cannot be extended."),
    )
    extension_measure = models.CharField(
        _("Extension measure"),
        max_length=15,
        choices=Measure.choices,
        default=Measure.WORKING_DAYS,
    )

    class Meta:
        ordering = ["tier"]
        verbose_name = _("Time limit")
        verbose_name_plural = _("Time limits")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accept_amount__gt=0, resolve_amount__gt=0),
                name="hotline_timelimit_positive",
            ),
        ]

    def __str__(self):
        return str(self.get_tier_display())


class Holiday(models.Model):
    """One day of the official calendar: a public holiday (no work) or a
    make-up working day (调休, usually a Saturday or Sunday)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday")
        WORKDAY = "workday", _("Make-up working day")

    date = models.DateField(_("Date"), unique=True)
    kind = models.CharField(_("Kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("Name"), max_length=30, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("Calendar day")
        verbose_name_plural = _("Holiday calendar")

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()


class ReferenceCounter(models.Model):
    """The last reference number given in a year (12319-2026-000123)."""

    year = models.PositiveSmallIntegerField(_("Year"), unique=True)
    last = models.PositiveIntegerField(_("Last number"), default=0)

    class Meta:
        verbose_name = _("Reference counter")
        verbose_name_plural = _("Reference counters")

    def __str__(self):
        return f"{self.year}: {self.last}"
