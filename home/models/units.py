"""Districts, units (单位) and their members."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from home.phone import mask_phone, normalise_phone
from home.validators import normalise_credit_code, validate_credit_code


class District(models.Model):
    """A district or county of Guiyang (贵阳市), by administrative division code."""

    code = models.CharField(
        _("Administrative division code"), max_length=6, unique=True
    )
    name = models.CharField(_("Name"), max_length=30, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("Sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("District, county or city")
        verbose_name_plural = _("Districts, counties and cities")

    def __str__(self):
        return self.name


class Unit(index.Indexed, ClusterableModel):
    """An organisation that pledges, consults and organises volunteers."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government department")
        INSTITUTION = "institution", _("Public institution")
        STATE_ENTERPRISE = "state_enterprise", _("State-owned enterprise")
        PRIVATE_ENTERPRISE = "private_enterprise", _("Private enterprise")
        SOCIAL_ORGANISATION = "social_organisation", _("Social organisation")
        RESIDENTS_COMMITTEE = "residents_committee", _("Residents' committee")
        STREET_OFFICE = "street_office", _("Street office")

    name = models.CharField(_("Unit name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("URL slug"), max_length=100, unique=True, allow_unicode=True
    )
    kind = models.CharField(_("Unit type"), max_length=30, choices=Kind.choices)
    district = models.ForeignKey(
        District,
        verbose_name=_("District"),
        on_delete=models.PROTECT,
        related_name="units",
    )
    credit_code = models.CharField(
        _("Unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18 characters, including the check character."),
    )
    address = models.CharField(_("Address"), max_length=200, blank=True)
    contact_name = models.CharField(_("Contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("Contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("Contact email"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Description"), blank=True)
    is_verified = models.BooleanField(
        _("Verified"),
        default=False,
        help_text=_("Staff have checked the unit's credentials."),
    )
    # The unit's workspace in the admin (home/services/workspaces.py).
    editor_group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("Editors' group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="unit",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("Media collection"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="unit",
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("district")]),
                FieldPanel("credit_code"),
                FieldPanel("is_verified"),
            ],
            heading=_("Basic information"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel(
                    [FieldPanel("contact_name"), FieldPanel("contact_phone")]
                ),
                FieldPanel("contact_email"),
                FieldPanel("website"),
                FieldPanel("description"),
            ],
            heading=_("Contact details"),
        ),
        InlinePanel("memberships", heading=_("Members"), label=_("Member")),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("credit_code"),
        index.FilterField("kind"),
        index.FilterField("district"),
        index.FilterField("is_verified"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Unit")
        verbose_name_plural = _("Units")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(credit_code__regex=r"^[0-9A-HJ-NPQRTUWXY]{18}$"),
                name="home_unit_credit_code_format",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.credit_code = normalise_credit_code(self.credit_code)
        if self.contact_phone:
            self.contact_phone = normalise_phone(self.contact_phone)

    def get_absolute_url(self):
        return reverse("home:unit_detail", kwargs={"slug": self.slug})

    @property
    def masked_contact_phone(self):
        return mask_phone(self.contact_phone)


class UnitMembership(models.Model):
    """A user's role in a unit. A user may hold several roles, one row each."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        EDITOR = "editor", _("Editor")
        RESPONDER = "responder", _("Responder")
        ORGANISER = "organiser", _("Organiser")

    unit = ParentalKey(
        Unit,
        verbose_name=_("Unit"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        on_delete=models.CASCADE,
        related_name="unit_memberships",
    )
    role = models.CharField(_("Role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("Joined at"), auto_now_add=True)

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta:
        ordering = ["unit", "role", "user"]
        verbose_name = _("Unit member")
        verbose_name_plural = _("Unit members")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "user", "role"],
                name="home_unitmembership_unique_role",
                violation_error_message=_(
                    "This user already has this role in the unit."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.unit} · {self.get_role_display()}"
