"""Writes about units' pledges: the page tree (the directory and each unit's folder),
the staff review workflow, progress reports and the report reminders.

Keyword-only arguments; a refusal raises ``ServiceError`` or ``PermissionDenied``
with a message for the user and leaves nothing behind."""

import datetime
import os

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from PIL import Image as PILImage

from home.emails import email_language, email_send
from home.exceptions import ServiceError
from home.models import (
    HomePage,
    PledgeEvidence,
    PledgeIndexPage,
    PledgePage,
    PledgeReminder,
    PledgeReport,
    PledgeReportItem,
    Unit,
    UnitPledgesPage,
    User,
)
from home.models.pledges import REPORT_REMINDER_DAYS
from home.pledges import selectors
from home.services.workspaces import folder_for, section_folders_ensure

PLEDGE_REVIEWERS_GROUP = "Pledge reviewers"
PLEDGE_WORKFLOW_NAME = "单位承诺书审核"
PLEDGE_TASK_NAME = "承诺书审核"
INDEX_SLUG = "pledges"
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}
EVIDENCE_FILE_EXTENSIONS = {".pdf", *IMAGE_EXTENSIONS}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


# Page tree ----------------------------------------------------------------------


@transaction.atomic
def pledge_index_ensure(*, title: str = "单位承诺") -> PledgeIndexPage:
    """The pledge directory under the home page (created once, slug "pledges"),
    with the review workflow assigned."""
    index = PledgeIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.select_for_update().first()
        if home is None:
            raise ServiceError(_("Create the home page before the pledge directory."))
        index = PledgeIndexPage.objects.first()  # created while we waited?
    if index is None:
        index = PledgeIndexPage(title=title, slug=INDEX_SLUG, show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
        # Every unit gets its folder (and its group the rights to write there).
        section_folders_ensure(index_page=index)
    pledge_review_workflow_ensure(index=index)
    return index


@transaction.atomic
def pledge_folder_for(unit: Unit) -> UnitPledgesPage:
    """The unit's pledge folder under the directory, created (published, with the
    unit group's rights) the first time; the directory too if there is none."""
    if not PledgeIndexPage.objects.exists():
        pledge_index_ensure()
    return folder_for(unit=unit, folder_model=UnitPledgesPage)


# Review workflow ----------------------------------------------------------------


@transaction.atomic
def pledge_review_workflow_ensure(*, index: PledgeIndexPage | None = None) -> Workflow:
    """The "Pledge reviewers" group, a group-approval task for it and the workflow
    "单位承诺书审核", assigned to the pledge directory (so every pledge page under
    it goes through staff approval before it is published). Idempotent: safe to
    call after every migrate and from the demo."""
    group, _created = Group.objects.get_or_create(name=PLEDGE_REVIEWERS_GROUP)
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin is not None:
        group.permissions.add(access_admin)
    task = GroupApprovalTask.objects.filter(name=PLEDGE_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=PLEDGE_TASK_NAME)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=PLEDGE_WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    index = index or PledgeIndexPage.objects.first()
    if index is not None:
        WorkflowPage.objects.update_or_create(
            page=index, defaults={"workflow": workflow}
        )
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore",
            codename__in=["change_page", "publish_page"],
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )
    return workflow


# Progress reports ---------------------------------------------------------------


def pledge_reporter_check(*, user: User, pledge: PledgePage) -> None:
    """Only staff and the unit's admins and editors report on its pledges: raise
    ``PermissionDenied`` (with the reason) for anyone else. The report form checks
    it before showing the form, the report service again before writing."""
    if not selectors.user_can_report_for_unit(user=user, unit=pledge.unit):
        raise PermissionDenied(
            _(
                "Only the administrators and editors of %(unit)s can report on its "
                "pledges."
            )
            % {"unit": pledge.unit.name}
        )


def _evidence_file_check(upload) -> None:
    """Refuse what is not a PDF or a readable photo of at most 10 MB."""
    name = upload.name or ""
    extension = os.path.splitext(name)[1].lower()
    if extension not in EVIDENCE_FILE_EXTENSIONS:
        raise ServiceError(
            _("Evidence files must be PDF, JPEG, PNG or WebP: %(name)s is not.")
            % {"name": name}
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ServiceError(_("%(name)s is larger than 10 MB.") % {"name": name})
    if extension in IMAGE_EXTENSIONS:
        try:
            with PILImage.open(upload) as picture:
                picture.verify()
        except Exception as error:
            raise ServiceError(
                _("%(name)s is not a readable image.") % {"name": name}
            ) from error
        upload.seek(0)


@transaction.atomic
def pledge_report_create(
    *,
    user: User,
    pledge: PledgePage,
    title: str,
    summary: str,
    is_annual: bool,
    publish: bool,
    progress: list[dict],
    evidence: list[dict] = (),
    now=None,
) -> PledgeReport:
    """A unit's admin or editor (or staff) reports progress on a live pledge: for
    every commitment a completion percentage (0–100), what was achieved and a
    narrative; evidence as uploaded files (PDF or photos) or links, optionally tied
    to a commitment. Published reports show on the pledge page; a published annual
    report fulfils the pledge, and a pledge has at most one."""
    pledge_reporter_check(user=user, pledge=pledge)
    if not pledge.live:
        raise ServiceError(_("Only a published pledge can be reported on."))
    title = (title or "").strip()
    summary = (summary or "").strip()
    if not title or not summary:
        raise ServiceError(_("Give the report a title and a summary."))
    # Serialise reports on one pledge, so two annual reports cannot both pass.
    PledgePage.objects.select_for_update().filter(pk=pledge.pk).exists()
    if (
        is_annual
        and publish
        and pledge.reports.filter(
            is_annual=True, status=PledgeReport.Status.PUBLISHED
        ).exists()
    ):
        raise ServiceError(_("This pledge already has a published annual report."))
    items = {item.pk: item for item in pledge.items.all()}
    rows = {}
    for entry in progress:
        item_id = int(entry["item_id"])
        if item_id not in items:
            raise ServiceError(
                _("A commitment in the report is not part of the pledge.")
            )
        percent = entry.get("completion_percent")
        if percent is None or not 0 <= int(percent) <= 100:
            raise ServiceError(
                _("Give a completion between 0 and 100 for “%(item)s”.")
                % {"item": items[item_id].title}
            )
        rows[item_id] = PledgeReportItem(
            item_id=item_id,
            completion_percent=int(percent),
            achieved=(entry.get("achieved") or "").strip()[:200],
            narrative=(entry.get("narrative") or "").strip()[:2000],
        )
    missing = [item.title for pk, item in items.items() if pk not in rows]
    if missing:
        raise ServiceError(
            _("Report on every commitment; missing: %(items)s.")
            % {"items": "、".join(missing)}
        )
    now = now or timezone.now()
    published = bool(publish)
    report = PledgeReport.objects.create(
        pledge=pledge,
        title=title[:120],
        summary=summary[:4000],
        is_annual=bool(is_annual),
        status=PledgeReport.Status.PUBLISHED
        if published
        else PledgeReport.Status.DRAFT,
        author=user,
        published_at=now if published else None,
    )
    for row in rows.values():
        row.report = report
    PledgeReportItem.objects.bulk_create(rows.values())
    for entry in evidence:
        item_id = entry.get("item_id") or None
        if item_id is not None and int(item_id) not in items:
            raise ServiceError(_("Evidence refers to a commitment not in the pledge."))
        caption = (entry.get("caption") or "").strip()[:200]
        upload, url = entry.get("file"), (entry.get("url") or "").strip()
        if bool(upload) == bool(url):
            raise ServiceError(_("Each piece of evidence is either a file or a link."))
        if upload:
            # Kept in the private storage: a draft report's files are not
            # reachable by URL (the pledge page's evidence route checks).
            _evidence_file_check(upload)
        PledgeEvidence.objects.create(
            report=report,
            item_id=item_id,
            caption=caption,
            file=upload or "",
            url=url,
        )
    return report


# Reminders ----------------------------------------------------------------------


def pledge_report_reminders_send(*, now=None) -> int:
    """Remind each live pledge's unit admins and editors that its annual report
    is due: once 30 days before the deadline and once 7 days before (a pledge
    found already within 7 days gets only that one). Each reminder is claimed by
    inserting its ``PledgeReminder`` row (unique per pledge and reminder, and
    outside the page's revisions, so publishing an older draft cannot unsend
    it): a second or concurrent run sends nothing. Fulfilled pledges are not
    reminded. Returns the emails sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    for days in sorted(REPORT_REMINDER_DAYS):
        candidates = (
            selectors.live_pledges_with_status(today=today)
            .filter(
                has_annual_report=False,
                report_deadline__gte=today,
                report_deadline__lte=today + datetime.timedelta(days=days),
            )
            .exclude(reminders__days=days)
            .select_related("unit")
        )
        for pledge in candidates:
            if not _claim_reminders(pledge=pledge, days=days, now=now):
                continue
            sent += _send_reminder(pledge=pledge, today=today)
    return sent


def _claim_reminders(*, pledge: PledgePage, days: int, now) -> bool:
    """Claim the reminder ``days`` before the deadline (False if another run has)
    and mark the earlier ones (more days before) as not needed any more."""
    try:
        with transaction.atomic():
            PledgeReminder.objects.create(pledge=pledge, days=days, sent_at=now)
    except IntegrityError:
        return False
    PledgeReminder.objects.bulk_create(
        [
            PledgeReminder(pledge=pledge, days=number, sent_at=now)
            for number in REPORT_REMINDER_DAYS
            if number > days
        ],
        ignore_conflicts=True,
    )
    return True


def _send_reminder(*, pledge: PledgePage, today: datetime.date) -> int:
    recipients = selectors.unit_pledge_recipients(unit=pledge.unit)
    if not recipients:
        return 0
    with email_language():
        parts = pledge.get_url_parts()
        context = {
            "pledge": pledge,
            "unit": pledge.unit,
            "days_left": (pledge.report_deadline - today).days,
            "link": settings.CANYU_BASE_URL + (parts[2] if parts else "/"),
        }
    email_send(
        to=recipients,
        subject_template="home/emails/pledge_reminder_subject.txt",
        template="home/emails/pledge_reminder_body.txt",
        context=context,
    )
    return 1
