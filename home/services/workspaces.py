"""Writes of each unit's workspace in the Wagtail admin (issue 6, also used by
activities).

A unit gets, automatically when it is created:

- a Wagtail group ("单位编辑：<unit name>") holding the unit's editors and organisers;
- a collection for its images and documents, which the group may add to and choose from;
- under every section index (activities, pledges …) a *folder page* holding the unit's
  pages of that section; the group may add and edit pages there, and publish where the
  folder class says so (pledges are published by staff through a workflow).

Page permissions on subtrees are Wagtail's own mechanism (GroupPagePermission), so the
explorer, the page choosers, the "add child page" buttons and the edit views all agree
on who may do what, and staff manage it all from the admin's Groups screen.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from home.models import Unit, UnitMembership
from home.models.folders import UnitFolderMixin

# Roles whose holders write the unit's pages (product.md: editors write pledges and
# activities; organisers run activities).
WORKSPACE_ROLES = (UnitMembership.Role.EDITOR, UnitMembership.Role.ORGANISER)

COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


def group_name_for(unit: Unit) -> str:
    return f"单位编辑：{unit.name}"[:150]


def _permissions(pairs) -> list[Permission]:
    return [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in pairs
    ]


def _collection_for(unit: Unit) -> Collection:
    if unit.collection_id:
        return unit.collection
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name="单位").first()
    if parent is None:
        parent = root.add_child(name="单位")
    collection = parent.add_child(name=unit.name[:255])
    return collection


def folder_for(*, unit: Unit, folder_model: type[Page]) -> Page | None:
    """The unit's folder page of a section, created (with the group's permissions) if
    the section's index exists; ``None`` when the site has no such section yet."""
    existing = folder_model.objects.filter(unit=unit).first()
    if existing is not None:
        return existing
    from django.apps import apps

    index_model = apps.get_model(folder_model.section_index_model)
    index = index_model.objects.order_by("path").first()
    if index is None:
        return None
    with transaction.atomic():
        # Serialise folder creation for a unit, then under the index
        # (wagtail#12190: concurrent add_child under one parent can collide on
        # the tree path).
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        existing = folder_model.objects.filter(unit=unit).first()
        if existing is not None:
            return existing
        index = Page.objects.select_for_update().get(pk=index.pk).specific
        folder = folder_model(title=unit.name, slug=unit.slug, unit=unit)
        index.add_child(instance=folder)
        folder.save_revision().publish()
        if unit.editor_group_id:
            _grant_folder(unit.editor_group, folder)
    return folder


def _grant_folder(group: Group, folder: Page) -> None:
    codenames = ["add_page", "change_page"]
    if folder.specific_class.unit_group_can_publish:
        codenames.append("publish_page")
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=folder,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


@transaction.atomic
def unit_workspace_ensure(*, unit: Unit) -> Group:
    """Create (or repair) the unit's group, collection, folders and permissions, and
    put the unit's editors and organisers in the group. Idempotent."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    group = unit.editor_group
    if group is None:
        group, _created = Group.objects.get_or_create(name=group_name_for(unit))
    elif group.name != group_name_for(unit):
        group.name = group_name_for(unit)
        group.save(update_fields=["name"])
    group.permissions.add(*_permissions([("wagtailadmin", "access_admin")]))
    collection = _collection_for(unit)
    for permission in _permissions(COLLECTION_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
    if unit.editor_group_id != group.pk or unit.collection_id != collection.pk:
        Unit.objects.filter(pk=unit.pk).update(
            editor_group=group, collection=collection
        )
        unit.editor_group, unit.collection = group, collection
    for folder_model in UnitFolderMixin.unit_folder_models():
        folder = folder_for(unit=unit, folder_model=folder_model)
        if folder is not None:
            _grant_folder(group, folder)
    unit_group_members_sync(unit=unit)
    return group


def unit_group_members_sync(*, unit: Unit) -> None:
    """The group holds exactly the users with a workspace role in the unit."""
    if not unit.editor_group_id:
        return
    users = (
        UnitMembership.objects.filter(unit=unit, role__in=WORKSPACE_ROLES)
        .values_list("user_id", flat=True)
        .distinct()
    )
    unit.editor_group.user_set.set(list(users))


def section_folders_ensure(*, index_page: Page) -> int:
    """A section index was created: give every unit its folder there. Returns how
    many folders exist under it afterwards."""
    count = 0
    for folder_model in UnitFolderMixin.unit_folder_models():
        if not isinstance(index_page.specific, _index_model(folder_model)):
            continue
        for unit in Unit.objects.all():
            if not unit.editor_group_id:
                unit_workspace_ensure(unit=unit)
            elif folder_for(unit=unit, folder_model=folder_model) is not None:
                count += 1
    return count


def _index_model(folder_model):
    from django.apps import apps

    return apps.get_model(folder_model.section_index_model)
