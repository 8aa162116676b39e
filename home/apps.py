from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_pledge_review_workflow(sender, using="default", **kwargs):
    """After every migrate (and test database flush): the staff review workflow
    of pledges exists and is assigned to the pledge directory, if there is one."""
    from home.pledges.services import pledge_review_workflow_ensure

    pledge_review_workflow_ensure()


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Platform core")

    def ready(self):
        from home import (  # noqa: F401
            signals,
            site_shell,
            site_shell_signals,
        )
        from home.account_closure import signals as closure_signals  # noqa: F401
        from home.extensions import register_workspace_panels
        from home.page_cache import tables as page_cache_tables
        from home.sms import checks as sms_checks  # noqa: F401
        from home.workspace_panels import core_workspace_panels

        register_workspace_panels(core_workspace_panels)
        site_shell.install()
        # Every connection reports the tables it reads and writes to the page
        # cache and to the API's cached answers (home/api/caching.py).
        page_cache_tables.install()

        post_migrate.connect(
            ensure_pledge_review_workflow,
            sender=self,
            dispatch_uid="home.ensure_pledge_review_workflow",
        )
