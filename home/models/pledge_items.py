"""The commitments of a pledge letter (see pledges.py) and their categories."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey


class PledgeCategory(models.TextChoices):
    EMPLOYEES = "employees", _("Employees' rights")
    SAFETY = "safety", _("Work safety")
    ENVIRONMENT = "environment", _("Environment")
    COMMUNITY = "community", _("Community service")
    VOLUNTEERING = "volunteering", _("Volunteering")
    OPEN_FACILITIES = "open_facilities", _("Open facilities")
    INTEGRITY = "integrity", _("Integrity")
    OTHER = "other", _("Other")


class PledgeItem(Orderable):
    """One commitment of a pledge; its pk is the stable id reports and residents'
    feedback refer to."""

    page = ParentalKey(
        "home.PledgePage", on_delete=models.CASCADE, related_name="items"
    )
    category = models.CharField(
        _("Category"), max_length=20, choices=PledgeCategory.choices
    )
    title = models.CharField(_("Commitment"), max_length=200)
    target = models.CharField(
        _("Measurable target"),
        max_length=300,
        help_text=_("How anyone can tell it was kept, e.g. “at least 40 hours”."),
    )
    due_date = models.DateField(_("Due date"))

    panels = [
        FieldRowPanel([FieldPanel("category"), FieldPanel("due_date")]),
        FieldPanel("title"),
        FieldPanel("target"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Commitment")
        verbose_name_plural = _("Commitments")

    def __str__(self):
        return self.title
