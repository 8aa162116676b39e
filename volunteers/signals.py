"""Signal receivers of the volunteers app: publishing an activity turns the
points multiplier typed on the page into a proposal for staff."""

from django.dispatch import receiver

from wagtail.signals import page_published

from volunteers.models import ActivityPage
from volunteers.services.multipliers import multiplier_propose


@receiver(page_published, sender=ActivityPage, dispatch_uid="activity_multiplier")
def propose_multiplier_on_publish(sender, instance, revision=None, **kwargs):
    multiplier_propose(
        activity=instance,
        value=instance.points_multiplier,
        user=getattr(revision, "user", None),
    )
