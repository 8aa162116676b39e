"""Site-wide settings edited in the Wagtail admin (Settings → 站点设置)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    hotline = models.CharField(
        _("Service hotline"),
        max_length=30,
        default="12319",
        help_text=_("12319 public service hotline"),
    )
    footer_text = models.TextField(
        _("Footer text"),
        blank=True,
        default="民有所呼、我有所应 —— 件件有着落、事事有回音。",
    )
    contact_email = models.EmailField(_("Contact email"), blank=True)
    contact_address = models.CharField(_("Contact address"), max_length=200, blank=True)
    icp_number = models.CharField(_("ICP filing number"), max_length=60, blank=True)
    # 后台实名、前台自愿: who comments, rates or reports is known by a verified
    # mobile number; the public sees the display name only. A pilot may relax it.
    real_name_required = models.BooleanField(
        _("Comments require a verified mobile number"),
        default=True,
        help_text=_(
            "Commenting, rating units and reporting pledges need a mobile number "
            "verified by SMS code. Turn off only for a pilot."
        ),
    )

    panels = [
        FieldPanel("hotline"),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_address")],
            heading=_("Contact details"),
        ),
        FieldPanel("icp_number"),
        FieldPanel("real_name_required"),
    ]

    @classmethod
    def for_site(cls, site):
        """The site's settings from the shared cache (home/site_shell.py); read
        by every page's footer."""
        if site is None:
            raise cls.DoesNotExist(f"{cls} does not exist for site None.")
        from home.site_shell import site_settings

        return site_settings(cls, site)

    class Meta:
        verbose_name = _("Site settings")
        verbose_name_plural = _("Site settings")
