"""Certificates of volunteer service (志愿服务证明, Order No. 67: whoever records
certifies). A request takes a snapshot of the approved records in the range, so a
later correction never silently changes an issued certificate; the PDF is made in
the background; staff can revoke one with a reason."""

from datetime import date, datetime, time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.emails import email_language
from home.exceptions import ServiceError
from home.inbox import notify
from home.models import Unit, User
from volunteers.models import Certificate, ServiceRecord, Volunteer
from volunteers.services.points import points_settings

MAX_REQUESTS_PER_DAY = 10
MAX_RANGE_DAYS = 366 * 10


def _day_start(day: date):
    return timezone.make_aware(datetime.combine(day, time.min))


def certificate_lines(*, volunteer: Volunteer, date_from, date_to, unit=None):
    """The approved records of ``volunteer`` that started in the range (and, if
    given, were organised by ``unit``), oldest first, as snapshot lines."""
    records = ServiceRecord.objects.filter(
        volunteer=volunteer,
        status=ServiceRecord.Status.APPROVED,
        started_at__gte=_day_start(date_from),
        started_at__lt=_day_start(date_to) + timezone.timedelta(days=1),
    )
    if unit is not None:
        records = records.filter(unit=unit)
    records = records.select_related("shift__activity", "unit").order_by(
        "started_at", "pk"
    )
    return [
        {
            "record": record.pk,
            "date": timezone.localtime(record.started_at).date().isoformat(),
            "activity": record.shift.activity.title,
            "unit": record.unit.name,
            "minutes": record.minutes,
        }
        for record in records
    ]


def verify_url(certificate: Certificate) -> str:
    return settings.CANYU_BASE_URL + reverse(
        "volunteers:certificate_verify", args=[certificate.verification_token]
    )


@transaction.atomic
def certificate_request(
    *, volunteer: Volunteer, date_from: date, date_to: date, unit: Unit | None = None
) -> Certificate:
    """An active volunteer asks for a certificate of their approved service in a
    date range, optionally only one unit's activities (that unit then issues it;
    otherwise the platform does). The PDF is generated in the background."""
    from volunteers import tasks

    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ServiceError(_("Only approved, active volunteers can ask for this."))
    today = timezone.localdate()
    if date_from > date_to:
        raise ServiceError(_("The start date must not be after the end date."))
    if date_to > today:
        raise ServiceError(_("The end date cannot be in the future."))
    if (date_to - date_from).days > MAX_RANGE_DAYS:
        raise ServiceError(_("Choose a range of at most ten years."))
    Volunteer.objects.select_for_update().filter(pk=volunteer.pk).first()
    if (
        Certificate.objects.filter(volunteer=volunteer, issued_on=today).count()
        >= MAX_REQUESTS_PER_DAY
    ):
        raise ServiceError(
            _("You have asked for too many certificates today; try again tomorrow.")
        )
    lines = certificate_lines(
        volunteer=volunteer, date_from=date_from, date_to=date_to, unit=unit
    )
    if not lines:
        raise ServiceError(
            _("You have no approved service hours in this period to certify.")
        )
    certificate = Certificate.objects.create(
        volunteer=volunteer,
        number=f"tmp-{timezone.now().timestamp()}-{volunteer.pk}",
        unit=unit,
        issuer_name=unit.name if unit else points_settings().certificate_issuer,
        date_from=date_from,
        date_to=date_to,
        holder_name=volunteer.real_name,
        holder_id_masked=volunteer.id_number_masked,
        holder_number=volunteer.green_ribbon_number or "",
        lines=lines,
        total_minutes=sum(line["minutes"] for line in lines),
        issued_on=today,
    )
    certificate.number = f"ZYZM{today:%Y%m%d}{certificate.pk:06d}"
    certificate.save(update_fields=["number"])
    tasks.certificate_render.delay_on_commit(certificate.pk)
    return certificate


def certificate_render(*, certificate_id: int) -> bool:
    """Make and store the PDF of a requested certificate. Idempotent: a
    certificate that has its file already is left alone. True if it was made."""
    from volunteers.certificate_pdf import certificate_pdf

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None or certificate.file:
        return False
    content = certificate_pdf(certificate, verify_url=verify_url(certificate))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate_id)
        if locked.file:
            return False
        locked.file.save(f"{locked.number}.pdf", ContentFile(content), save=False)
        locked.status = Certificate.Status.READY
        locked.save(update_fields=["file", "status"])
        _notify_ready(locked)
    return True


def _notify_ready(certificate: Certificate) -> None:
    user = certificate.volunteer.user
    if not user.is_active:
        return
    with email_language():
        title = _("Your certificate %(number)s is ready to download") % {
            "number": certificate.number
        }
        url = reverse("volunteers:certificates")
    notify(user=user, kind="certificate_ready", title=title, url=url)


@transaction.atomic
def certificate_revoke(*, certificate_id: int, by: User, reason: str) -> Certificate:
    """Staff revoke a certificate with a reason; its verification page then says
    so. Revoking twice is refused."""
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("Give a reason for revoking the certificate."))
    certificate = Certificate.objects.select_for_update().filter(pk=certificate_id)
    certificate = certificate.first()
    if certificate is None:
        raise ServiceError(_("This certificate does not exist."))
    if certificate.is_revoked:
        raise ServiceError(_("This certificate is already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revocation_reason = reason[:300]
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


def certificates_render_missing(*, older_than_minutes: int = 10) -> int:
    """Render the certificates still waiting for their PDF some minutes after the
    request (their task was lost). Returns how many were made."""
    cutoff = timezone.now() - timezone.timedelta(minutes=older_than_minutes)
    waiting = Certificate.objects.filter(
        status=Certificate.Status.REQUESTED, created_at__lt=cutoff
    ).values_list("pk", flat=True)[:100]
    return sum(certificate_render(certificate_id=pk) for pk in list(waiting))
