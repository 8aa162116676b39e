"""Districts, units (单位) and their members."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from home.phone import mask_phone, normalise_phone
from home.validators import normalise_credit_code, validate_credit_code


class District(models.Model):
    """A district or county of Guiyang (贵阳市), by administrative division code."""

    code = models.CharField(_("行政区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=30, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("区（县、市）")
        verbose_name_plural = _("区（县、市）")

    def __str__(self):
        return self.name


class Unit(index.Indexed, ClusterableModel):
    """An organisation that pledges, consults and organises volunteers."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("党政机关")
        INSTITUTION = "institution", _("事业单位")
        STATE_ENTERPRISE = "state_enterprise", _("国有企业")
        PRIVATE_ENTERPRISE = "private_enterprise", _("民营企业")
        SOCIAL_ORGANISATION = "social_organisation", _("社会组织")
        RESIDENTS_COMMITTEE = "residents_committee", _("居民委员会")
        STREET_OFFICE = "street_office", _("街道办事处")

    name = models.CharField(_("单位名称"), max_length=100, unique=True)
    slug = models.SlugField(_("网址名称"), max_length=100, unique=True, allow_unicode=True)
    kind = models.CharField(_("单位类型"), max_length=30, choices=Kind.choices)
    district = models.ForeignKey(
        District, verbose_name=_("所在区（县、市）"), on_delete=models.PROTECT,
        related_name="units",
    )
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18位，含校验位。"),
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    website = models.URLField(_("网站"), blank=True)
    description = models.TextField(_("简介"), blank=True)
    is_verified = models.BooleanField(
        _("已核验"), default=False, help_text=_("工作人员已核对单位资质。")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("district")]),
                FieldPanel("credit_code"),
                FieldPanel("is_verified"),
            ],
            heading=_("基本信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone")]),
                FieldPanel("contact_email"),
                FieldPanel("website"),
                FieldPanel("description"),
            ],
            heading=_("联系方式"),
        ),
        InlinePanel("memberships", heading=_("成员"), label=_("成员")),
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
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
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
        ADMIN = "admin", _("管理员")
        EDITOR = "editor", _("编辑")
        RESPONDER = "responder", _("答复人")
        ORGANISER = "organiser", _("活动组织者")

    unit = ParentalKey(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="unit_memberships",
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta:
        ordering = ["unit", "role", "user"]
        verbose_name = _("单位成员")
        verbose_name_plural = _("单位成员")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "user", "role"],
                name="home_unitmembership_unique_role",
                violation_error_message=_("该用户在本单位已有这个角色。"),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.unit} · {self.get_role_display()}"
