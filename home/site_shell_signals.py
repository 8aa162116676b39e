"""Replaces the site shell's cache generation (home/site_shell.py) whenever a row
the shell is made from changes: pages (saved, published, unpublished, moved,
deleted), view restrictions, sites, locales and the site settings."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import SiteSettings
from home.site_shell import shell_changed


def _shell_changed(sender, raw=False, **kwargs):
    # A fixture load (raw) changes rows too: forget the shell all the same.
    shell_changed()


def _page_changed(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        shell_changed()


def _settings_saved(sender, created=False, **kwargs):
    # The row is made on first reading (get_or_create) with what the cache is
    # about to hold: only a change of an existing row makes the cache stale.
    if not created:
        shell_changed()


for _signal in (post_save, post_delete):
    _signal.connect(_page_changed, dispatch_uid=f"site_shell_page_{id(_signal)}")
    for _model in (PageViewRestriction, Site, Locale):
        _signal.connect(
            _shell_changed,
            sender=_model,
            dispatch_uid=f"site_shell_{_model.__name__}_{id(_signal)}",
        )
post_save.connect(_settings_saved, sender=SiteSettings, dispatch_uid="shell_settings")
post_delete.connect(
    _shell_changed, sender=SiteSettings, dispatch_uid="site_shell_settings_deleted"
)


@receiver(page_published, dispatch_uid="site_shell_page_published")
@receiver(page_unpublished, dispatch_uid="site_shell_page_unpublished")
@receiver(post_page_move, dispatch_uid="site_shell_page_moved")
def _page_lifecycle(sender, **kwargs):
    shell_changed()
