"""Green Ribbon volunteers (绿丝带志愿者) and their teams (志愿服务队)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.phone import mask_phone


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class Volunteer(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        ACTIVE = "active", _("Active")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")
        # Consent withdrawn or account closed: anonymised, records kept.
        CLOSED = "closed", _("Profile ended")

        @property
        def tone(self) -> str:
            """The badge tone: success, info, warning, danger or muted."""
            cls = type(self)
            return {
                cls.PENDING: "muted",
                cls.ACTIVE: "success",
                cls.REJECTED: "danger",
                cls.SUSPENDED: "warning",
                cls.CLOSED: "muted",
            }[self]

    class Category(models.TextChoices):
        DEPUTY = "deputy", _("NPC deputy or CPPCC member")
        LEGAL = "legal", _("Legal worker")
        RETIRED = "retired", _("Retired staff of a government body or enterprise")
        FORMER_CADRE = "former_cadre", _("Former village cadre")
        ELDERS = "elders", _("Five elders and three worthies")
        EMPLOYEE = "employee", _("Unit employee")
        STUDENT = "student", _("Student")
        RESIDENT = "resident", _("Resident")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        UNDISCLOSED = "undisclosed", _("Prefer not to say")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer"
    )
    real_name = models.CharField(_("Real name"), max_length=50)
    phone = models.CharField(_("Mobile number"), max_length=20)
    # The ID number's keyed hash (volunteers/identity.py), to find a second
    # registration of the same number; the number itself is never stored.
    id_number_tag = models.CharField(max_length=512, blank=True, editable=False)
    id_number_masked = models.CharField(
        _("ID number"), max_length=18, blank=True, editable=False
    )
    gender = models.CharField(
        _("Gender"), max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED
    )
    birth_year = models.PositiveSmallIntegerField(_("Year of birth"))
    district = models.ForeignKey(
        "home.District", verbose_name=_("District"), on_delete=models.PROTECT
    )
    community = models.CharField(_("Community"), max_length=100)
    categories = models.JSONField(_("Categories"), default=list)
    skills = models.CharField(_("Skills"), max_length=300, blank=True)
    availability = models.CharField(_("Availability"), max_length=300, blank=True)
    code_of_conduct_accepted_at = models.DateTimeField(_("Code of conduct accepted"))
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    status_reason = models.CharField(_("Reason"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    green_ribbon_number = models.CharField(
        _("Green Ribbon number"), max_length=20, null=True, blank=True, unique=True
    )
    show_on_leaderboards = models.BooleanField(
        _("Show my name on leaderboards and team pages"), default=False
    )
    calendar_token = models.CharField(
        max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Volunteer")
        verbose_name_plural = _("Volunteers")
        constraints = [
            # Once per approved profile. A pending registration may share the
            # number: it is then an identity claim that staff resolve
            # (models/claims.py), and the registrant is not told.
            models.UniqueConstraint(
                fields=["id_number_tag"],
                condition=~Q(id_number_tag="") & Q(status__in=["active", "suspended"]),
                name="volunteer_id_number_once_approved",
                violation_error_message=_(
                    "A volunteer with this ID number is already registered."
                ),
            ),
            models.CheckConstraint(
                condition=Q(birth_year__gte=1900, birth_year__lte=2100),
                name="volunteer_birth_year_range",
            ),
            models.CheckConstraint(
                condition=Q(status="active", green_ribbon_number__isnull=False)
                | ~Q(status="active"),
                name="volunteer_active_has_number",
            ),
        ]

    def __str__(self):
        return self.real_name

    @property
    def status_tone(self) -> str:
        return self.Status(self.status).tone

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def get_categories_display(self) -> list[str]:
        labels = dict(self.Category.choices)
        return [str(labels[code]) for code in self.categories if code in labels]


class Team(models.Model):
    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("URL slug"), max_length=100, unique=True, allow_unicode=True
    )
    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teams",
    )
    district = models.ForeignKey(
        "home.District", verbose_name=_("District"), on_delete=models.PROTECT
    )
    community = models.CharField(_("Community"), max_length=100, blank=True)
    description = models.TextField(_("Description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Team")
        verbose_name_plural = _("Teams")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | ~Q(community=""),
                name="team_belongs_to_unit_or_community",
                violation_error_message=_(
                    "A team belongs to a unit or to a community."
                ),
            ),
        ]

    def __str__(self):
        return self.name


class TeamMembership(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the leader's approval")
        APPROVED = "approved", _("Member")
        REJECTED = "rejected", _("Declined")
        LEFT = "left", _("Left")
        REMOVED = "removed", _("Removed by the unit")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="team_memberships"
    )
    role = models.CharField(
        _("Role"), max_length=10, choices=Role.choices, default=Role.MEMBER
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # When the leaders were last emailed about this person asking to join: at
    # most once a day, however often they leave and ask again.
    leaders_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Team membership")
        verbose_name_plural = _("Team memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "volunteer"], name="team_membership_once"
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.team}"
