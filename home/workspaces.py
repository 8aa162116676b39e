"""Kept for a migration: ``volunteers/migrations/0003_unit_activity_folders.py``
names ``home.workspaces.UnitFolderMixin`` as a base of its folder page, and
migrations are history, not edited. The mixin lives in home/models/folders.py and
the workspace writes in home/services/workspaces.py; import from there."""

from home.models.folders import UnitFolderMixin

__all__ = ["UnitFolderMixin"]
