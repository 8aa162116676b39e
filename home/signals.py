"""Keeps each unit's admin workspace in step with the unit and its members.

Units and memberships are changed from several places (the staff viewset with its
inline members, the unit admins' members page, the demo), so the workspace follows the
rows themselves rather than each caller remembering to. Bulk inserts bypass signals:
the demo calls ``unit_workspace_ensure`` itself. The receivers only decide whether
to call; the writes are in home/services/workspaces.py.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from home.consent.selectors import policy_versions_forget
from home.models import PolicyVersion, Unit, UnitMembership
from home.services import workspaces


@receiver(post_save, sender=Unit, dispatch_uid="unit_workspace_on_save")
def unit_workspace_on_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created or (
        instance.editor_group_id
        and instance.editor_group.name != workspaces.group_name_for(instance)
    ):
        workspaces.unit_workspace_ensure(unit=instance)


@receiver(post_save, sender=UnitMembership, dispatch_uid="unit_group_on_member_save")
@receiver(
    post_delete, sender=UnitMembership, dispatch_uid="unit_group_on_member_delete"
)
def unit_group_on_member_change(sender, instance, raw=False, **kwargs):
    if raw:
        return
    unit = Unit.objects.filter(pk=instance.unit_id).first()
    if unit is not None:
        workspaces.unit_group_members_sync(unit=unit)


@receiver(post_save, sender=PolicyVersion, dispatch_uid="policy_versions_on_save")
@receiver(post_delete, sender=PolicyVersion, dispatch_uid="policy_versions_on_delete")
def policy_versions_changed(sender, **kwargs):
    """Whoever asks next reads the current policy versions afresh (now, and
    again once the change is committed, for a request that read in between)."""
    policy_versions_forget()
    transaction.on_commit(policy_versions_forget)
