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
        from home import signals  # noqa: F401  (connects the workspace receivers)
        from home.account_closure import signals as closure_signals  # noqa: F401
        from home.api import caching as api_caching
        from home.extensions import register_workspace_panels
        from home.sms import checks as sms_checks  # noqa: F401
        from home.workspace_panels import core_workspace_panels

        register_workspace_panels(core_workspace_panels)
        # Any change of the data starts a new version of the API's cached answers.
        api_caching.connect_signals()

        post_migrate.connect(
            ensure_pledge_review_workflow,
            sender=self,
            dispatch_uid="home.ensure_pledge_review_workflow",
        )
