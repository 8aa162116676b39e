"""What the volunteers app holds about one person, for "download my data"
(home/data_export/): the Green Ribbon profile, teams, sign-ups, service
records with their history, points, rewards, star levels and certificates.

Only the person's own data: who reviewed or approved a record is left out,
and the ID number appears only as its mask (never its hash)."""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _

from home.data_export.sections import ExportFile, Section, row
from volunteers.models import (
    Certificate,
    PointsEntry,
    Redemption,
    ServiceRecord,
    ServiceRecordChange,
    ServiceRecordCorrection,
    Signup,
    StarAward,
    TeamMembership,
    Volunteer,
    VolunteerDecision,
)

logger = logging.getLogger(__name__)


def export_sections(user) -> list[Section]:
    volunteer = Volunteer.objects.filter(user=user).select_related("district").first()
    if volunteer is None:
        return []
    return [
        _profile(volunteer),
        _decisions(volunteer),
        _teams(volunteer),
        _signups(volunteer),
        _service_records(volunteer),
        _record_history(volunteer),
        _corrections(volunteer),
        _points(volunteer),
        _redemptions(volunteer),
        _star_levels(volunteer),
        _certificates(volunteer),
    ]


def _profile(volunteer) -> Section:
    return Section(
        name="volunteer_profile",
        title=_("Green Ribbon volunteer profile"),
        description=_(
            "Your volunteer registration. The ID number is shown masked: the "
            "platform never keeps the full number."
        ),
        rows=[
            row(
                real_name=volunteer.real_name,
                phone=volunteer.phone,
                id_number_masked=volunteer.id_number_masked,
                gender=volunteer.get_gender_display(),
                birth_year=volunteer.birth_year,
                district=volunteer.district.name,
                community=volunteer.community,
                categories=volunteer.get_categories_display(),
                skills=volunteer.skills,
                availability=volunteer.availability,
                code_of_conduct_accepted_at=volunteer.code_of_conduct_accepted_at,
                status=volunteer.get_status_display(),
                status_reason=volunteer.status_reason,
                green_ribbon_number=volunteer.green_ribbon_number,
                show_on_leaderboards=volunteer.show_on_leaderboards,
                created_at=volunteer.created_at,
            )
        ],
    )


def _decisions(volunteer) -> Section:
    decisions = VolunteerDecision.objects.filter(volunteer=volunteer).select_related(
        "team"
    )
    return Section(
        name="volunteer_decisions",
        title=_("Decisions about your registration"),
        description=_(
            "Approvals, suspensions and team decisions about you, with the reasons."
        ),
        rows=[
            row(
                decision=decision.get_action_display(),
                team=decision.team.name if decision.team else "",
                reason=decision.reason,
                decided_at=decision.decided_at,
            )
            for decision in decisions
        ],
    )


def _teams(volunteer) -> Section:
    memberships = TeamMembership.objects.filter(volunteer=volunteer).select_related(
        "team__unit"
    )
    return Section(
        name="teams",
        title=_("Teams"),
        description=_("The volunteer teams you joined or asked to join."),
        rows=[
            row(
                team=membership.team.name,
                unit=membership.team.unit.name if membership.team.unit else "",
                role=membership.get_role_display(),
                status=membership.get_status_display(),
                created_at=membership.created_at,
                decided_at=membership.decided_at,
            )
            for membership in memberships.order_by("created_at", "pk")
        ],
    )


def _signups(volunteer) -> Section:
    signups = Signup.objects.filter(volunteer=volunteer).select_related(
        "shift__activity"
    )
    return Section(
        name="signups",
        title=_("Sign-ups"),
        description=_("The shifts you signed up for, and what became of each."),
        rows=[
            row(
                activity=signup.shift.activity.title,
                shift_role=signup.shift.role,
                shift_starts_at=signup.shift.starts_at,
                shift_ends_at=signup.shift.ends_at,
                status=signup.get_status_display(),
                created_at=signup.created_at,
                promoted_at=signup.promoted_at,
                cancelled_at=signup.cancelled_at,
            )
            for signup in signups
        ],
    )


def _service_records(volunteer) -> Section:
    records = ServiceRecord.objects.filter(volunteer=volunteer).select_related(
        "shift__activity", "unit"
    )
    return Section(
        name="service_records",
        title=_("Check-ins and service records"),
        description=_(
            "Each check-in and check-out, the hours recorded and whether the "
            "organising unit approved them."
        ),
        rows=[
            row(
                record_id=record.pk,
                activity=record.shift.activity.title,
                unit=record.unit.name,
                status=record.get_status_display(),
                source=record.get_source_display(),
                started_at=record.started_at,
                ended_at=record.ended_at,
                minutes=record.minutes,
                hours=record.hours,
                check_out_missing=record.auto_closed,
                reviewed_at=record.reviewed_at,
                rejection_reason=record.rejection_reason,
                created_at=record.created_at,
            )
            for record in records.order_by("started_at", "pk")
        ],
    )


def _record_history(volunteer) -> Section:
    changes = ServiceRecordChange.objects.filter(record__volunteer=volunteer)
    return Section(
        name="service_record_history",
        title=_("History of your service records"),
        description=_(
            "Every change to the times or status of your service records, with "
            "the old and new values and the reason."
        ),
        rows=[
            row(
                record_id=change.record_id,
                kind=change.get_kind_display(),
                changed_at=change.changed_at,
                reason=change.reason,
                old_status=change.old_status,
                old_started_at=change.old_started_at,
                old_ended_at=change.old_ended_at,
                old_minutes=change.old_minutes,
                new_status=change.new_status,
                new_started_at=change.new_started_at,
                new_ended_at=change.new_ended_at,
                new_minutes=change.new_minutes,
            )
            for change in changes
        ],
    )


def _corrections(volunteer) -> Section:
    corrections = ServiceRecordCorrection.objects.filter(record__volunteer=volunteer)
    return Section(
        name="service_record_corrections",
        title=_("Correction requests"),
        description=_(
            "The corrections of your service records you asked for, and the decisions."
        ),
        rows=[
            row(
                record_id=correction.record_id,
                proposed_started_at=correction.proposed_started_at,
                proposed_ended_at=correction.proposed_ended_at,
                reason=correction.reason,
                status=correction.get_status_display(),
                decided_at=correction.decided_at,
                decision_reason=correction.decision_reason,
                created_at=correction.created_at,
            )
            for correction in corrections.order_by("created_at", "pk")
        ],
    )


def _points(volunteer) -> Section:
    entries = PointsEntry.objects.filter(volunteer=volunteer).order_by(
        "created_at", "pk"
    )
    return Section(
        name="points_ledger",
        title=_("Points ledger"),
        description=_(
            "Every line of your points account: points earned for approved "
            "hours, bonuses, redemptions, reversals and refunds."
        ),
        rows=[
            row(
                date=entry.created_at,
                kind=entry.get_kind_display(),
                points=entry.points,
                minutes=entry.minutes,
                record_id=entry.record_id,
                redemption_id=entry.redemption_id,
                note=entry.note,
            )
            for entry in entries
        ],
    )


def _redemptions(volunteer) -> Section:
    redemptions = Redemption.objects.filter(volunteer=volunteer).select_related(
        "reward"
    )
    return Section(
        name="redemptions",
        title=_("Rewards redeemed"),
        description=_("The rewards you exchanged points for."),
        rows=[
            row(
                redemption_id=redemption.pk,
                reward=redemption.reward.name,
                points=redemption.points,
                status=redemption.get_status_display(),
                created_at=redemption.created_at,
                decided_at=redemption.decided_at,
                cancel_reason=redemption.cancel_reason,
            )
            for redemption in redemptions.order_by("created_at", "pk")
        ],
    )


def _star_levels(volunteer) -> Section:
    awards = StarAward.objects.filter(volunteer=volunteer).order_by("level")
    return Section(
        name="star_levels",
        title=_("Star levels"),
        description=_("The star levels you reached and when."),
        rows=[row(level=award.level, awarded_at=award.awarded_at) for award in awards],
    )


def _certificate_file(certificate) -> ExportFile | None:
    if not certificate.file:
        return None
    try:
        with certificate.file.open("rb") as handle:
            return ExportFile(name=f"{certificate.number}.pdf", content=handle.read())
    except OSError:
        logger.warning("certificate %s: PDF missing from storage", certificate.pk)
        return None


def _certificates(volunteer) -> Section:
    certificates = list(
        Certificate.objects.filter(volunteer=volunteer).select_related("unit")
    )
    files = [_certificate_file(certificate) for certificate in certificates]
    return Section(
        name="certificates",
        title=_("Certificates of volunteer service"),
        description=_(
            "The certificates you asked for, with their lines; the PDFs are in "
            "the certificates folder."
        ),
        rows=[
            row(
                number=certificate.number,
                issued_by=certificate.issuer_name,
                only_unit=certificate.unit.name if certificate.unit else "",
                date_from=certificate.date_from,
                date_to=certificate.date_to,
                holder_name=certificate.holder_name,
                holder_id_masked=certificate.holder_id_masked,
                holder_number=certificate.holder_number,
                total_minutes=certificate.total_minutes,
                lines=certificate.lines,
                status=certificate.get_status_display(),
                issued_on=certificate.issued_on,
                revoked_at=certificate.revoked_at,
                revocation_reason=certificate.revocation_reason,
                pdf=f"certificates/{certificate.number}.pdf" if file_ else "",
            )
            for certificate, file_ in zip(certificates, files, strict=True)
        ],
        files=[file_ for file_ in files if file_ is not None],
    )
