"""Writes that matter in the shared core, one module per subject: ``outbox``
(outbound email), ``profiles`` and ``members`` (a unit's roles), ``workspaces``
(each unit's group, collection and folder pages in the admin).

Each service takes keyword arguments, runs in a transaction where it writes several
rows, and raises ``ServiceError`` (or ``PermissionDenied``) with a message a user can
read when it refuses."""
