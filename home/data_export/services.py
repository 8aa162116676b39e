"""Writes of "download my data": ask for an export, build it, tell the person,
delete it after a week."""

from __future__ import annotations

import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.data_export.archive import write_archive
from home.data_export.collector import collect_sections
from home.emails import email_language
from home.exceptions import ServiceError
from home.inbox import notify
from home.models import DataExport

logger = logging.getLogger(__name__)

# The share of the progress bar taken by collecting; writing the zip is the rest.
COLLECT_SHARE = 80
# A build not finished after this long is taken as lost (the task's own time
# limit is minutes).
STALLED_AFTER_HOURS = 2


def _last_counted_request(*, user):
    """The latest request that counts toward the one-a-day limit (a failed
    export does not: the person may ask again at once)."""
    since = timezone.now() - timedelta(hours=settings.CANYU_DATA_EXPORT_INTERVAL_HOURS)
    return (
        DataExport.objects.filter(user=user, created_at__gte=since)
        .exclude(status=DataExport.Status.FAILED)
        .order_by("-created_at")
        .first()
    )


def data_export_next_allowed_at(*, user):
    """When ``user`` may ask for the next export (None: now)."""
    last = _last_counted_request(user=user)
    if last is None:
        return None
    return last.created_at + timedelta(hours=settings.CANYU_DATA_EXPORT_INTERVAL_HOURS)


def data_export_request(*, user) -> DataExport:
    """Ask for a copy of everything held about ``user``. Refused (ServiceError)
    while one is being prepared, and within a day of the last request that did
    not fail. The zip is built by a background task once this commits."""
    from home.data_export import tasks

    if not user.is_authenticated or not user.is_active:
        raise ServiceError(_("Sign in to download your data."))
    last = _last_counted_request(user=user)
    if last is not None and last.is_active:
        raise ServiceError(_("Your data is already being prepared."))
    if last is not None:
        allowed_at = timezone.localtime(
            data_export_next_allowed_at(user=user)
        ).strftime("%Y-%m-%d %H:%M")
        raise ServiceError(
            _(
                "You can download your data once a day. You can ask again after "
                "%(time)s."
            )
            % {"time": allowed_at}
        )
    try:
        with transaction.atomic():
            export = DataExport.objects.create(user=user)
    except IntegrityError as error:
        # Two clicks at once: the database lets one through.
        raise ServiceError(_("Your data is already being prepared.")) from error
    tasks.data_export_build.delay_on_commit(export.pk)
    return export


def _set_progress(export_id: int, percent: int) -> None:
    DataExport.objects.filter(pk=export_id, status=DataExport.Status.RUNNING).update(
        progress=max(0, min(100, percent))
    )


def _start(export_id: int) -> DataExport | None:
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .select_related("user")
            .filter(pk=export_id)
            .first()
        )
        if export is None or not export.is_active:
            return None  # already built, failed or expired: nothing to do
        export.status = DataExport.Status.RUNNING
        export.started_at = timezone.now()
        export.progress = 0
        export.save(update_fields=["status", "started_at", "progress"])
    return export


def data_export_build(*, export_id: int) -> bool:
    """Build the zip of a pending export and keep it in private storage for
    ``CANYU_DATA_EXPORT_RETENTION_DAYS``; email the person when it is ready.
    Safe to run twice: a finished export is left alone, and of two runs at
    once only the first to finish keeps its file. An error marks the export
    failed (logged; the person may ask again at once). Returns whether this
    run made the file."""
    export = _start(export_id)
    if export is None:
        return False
    try:
        # Labels and choices in the site's language, whoever's request ran it.
        with translation.override(settings.LANGUAGE_CODE):
            sections = collect_sections(
                export.user,
                on_progress=lambda percent: _set_progress(
                    export_id, percent * COLLECT_SHARE // 100
                ),
            )
        with tempfile.TemporaryFile() as spool:
            write_archive(spool, user=export.user, sections=sections)
            _set_progress(export_id, 95)
            return _finish(export_id, spool)
    except Exception:
        logger.exception("data export %s failed", export_id)
        DataExport.objects.filter(
            pk=export_id, status=DataExport.Status.RUNNING
        ).update(status=DataExport.Status.FAILED, finished_at=timezone.now())
        return False


def _finish(export_id: int, spool) -> bool:
    spool.seek(0, 2)
    size = spool.tell()
    spool.seek(0)
    now = timezone.now()
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .select_related("user")
            .get(pk=export_id)
        )
        if export.status != DataExport.Status.RUNNING:
            return False
        name = f"canyu-data-{timezone.localtime(now):%Y%m%d-%H%M}.zip"
        export.file.save(name, File(spool), save=False)
        export.status = DataExport.Status.READY
        export.progress = 100
        export.size = size
        export.finished_at = now
        export.expires_at = now + timedelta(
            days=settings.CANYU_DATA_EXPORT_RETENTION_DAYS
        )
        export.save()
        transaction.on_commit(lambda: _notify_ready(export))
    return True


def _notify_ready(export: DataExport) -> None:
    with email_language():
        context = {
            "recipient_name": export.user.get_full_name(),
            "page_url": settings.CANYU_BASE_URL + reverse("home:data_export"),
            "expires_at": timezone.localtime(export.expires_at).strftime(
                "%Y-%m-%d %H:%M"
            ),
            "retention_days": settings.CANYU_DATA_EXPORT_RETENTION_DAYS,
        }
        subject = _("Your data is ready to download")
    notify(
        user=export.user,
        kind="data_export_ready",
        title=subject,
        url=context["page_url"],
        email={
            "subject": subject,
            "template": "home/emails/data_export_ready.txt",
            "context": context,
        },
    )


def data_export_announce(*, export: DataExport) -> bool:
    """Record that the site has told the person their export is ready; True
    the first time only (the page then shows a message once)."""
    if export.status != DataExport.Status.READY or export.announced_at:
        return False
    updated = DataExport.objects.filter(pk=export.pk, announced_at__isnull=True).update(
        announced_at=timezone.now()
    )
    return bool(updated)


def data_exports_expire(*, now=None) -> int:
    """Delete the files of exports past their week (and of failed ones), mark
    the ready ones expired and the stalled ones failed. Safe to run twice:
    the second finds nothing. Returns how many exports were expired."""
    now = now or timezone.now()
    expired = 0
    due = DataExport.objects.filter(
        status=DataExport.Status.READY, expires_at__lte=now
    ).values_list("pk", flat=True)
    for export_id in list(due):
        with transaction.atomic():
            export = (
                DataExport.objects.select_for_update()
                .filter(pk=export_id, status=DataExport.Status.READY)
                .first()
            )
            if export is None:
                continue
            if export.file:
                export.file.delete(save=False)
            export.status = DataExport.Status.EXPIRED
            export.file = ""
            export.save(update_fields=["status", "file"])
            expired += 1
    # A build that never finished (its worker was lost) is marked failed, so
    # that the person may ask again.
    DataExport.objects.filter(
        status__in=DataExport.ACTIVE_STATUSES,
        created_at__lt=now - timedelta(hours=STALLED_AFTER_HOURS),
    ).update(status=DataExport.Status.FAILED, finished_at=now)
    for export in DataExport.objects.filter(status=DataExport.Status.FAILED).exclude(
        file=""
    ):
        export.file.delete(save=False)
        DataExport.objects.filter(pk=export.pk).update(file="")
    return expired


def data_exports_delete(*, user) -> int:
    """Delete every export of ``user``, files included (for closing an account:
    the rows would go with the user, the files would not). Returns how many."""
    exports = list(DataExport.objects.filter(user=user))
    for export in exports:
        if export.file:
            export.file.delete(save=False)
    DataExport.objects.filter(pk__in=[export.pk for export in exports]).delete()
    return len(exports)
