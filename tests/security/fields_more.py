"""The fields added to the hostile-input run after the first (see
tests/security/fields.py): pledge progress reports, the units' facility form
and booking decisions, the volunteers' decisions and notes, moderation and
the responders' saved replies, and the remaining search boxes."""

from tests.security import fields_moderation as moderation
from tests.security import fields_pledges as pledges
from tests.security import fields_volunteers as volunteers
from tests.security import world as worlds
from tests.security.field import Field
from tests.security.people import anonymous


def search_box(prepare, path, parameter):
    def submit(world, payload, number):
        return anonymous().get(path(world), {parameter: payload.text}), False

    return Field(
        f"{parameter!r} box of {prepare.__name__.removeprefix('add_')}",
        prepare,
        submit,
        shown=False,
    )


def _pledge_directory(world):
    from home.models import PledgeIndexPage

    return PledgeIndexPage.objects.live().first().url


# Parts with the same limits take the payload together (one report, one
# facility each); the name says which.
REPORT_PARTS = {
    ("title", "achieved"): "title and a commitment's 'achieved'",
    ("summary", "narrative", "caption"): "summary, a narrative, evidence caption",
    ("url",): "evidence link",
}
FACILITY_PARTS = (("name", "address"), ("description", "rules"))

MORE_FIELDS = [
    *(
        Field(
            f"pledge report: {label}",
            pledges.prepare_pledge_report,
            pledges.submit_pledge_report(*which),
            pledges.pledge_report_pages,
            pledges.pledge_report_files,
            # A link is shown as the address it becomes (https:// added).
            shown=which != ("url",),
        )
        for which, label in REPORT_PARTS.items()
    ),
    *(
        Field(
            f"facility form: {' and '.join(which)}",
            pledges.prepare_facility_form,
            pledges.submit_facility_form(*which),
            pledges.facility_form_pages,
        )
        for which in FACILITY_PARTS
    ),
    Field(
        "booking decline reason",
        pledges.prepare_booking_decisions,
        pledges.submit_booking_decision("decline", "reason"),
        pledges.booking_decision_pages("declined"),
    ),
    Field(
        "booking approval note",
        pledges.prepare_booking_decisions,
        pledges.submit_booking_decision("approve", "note"),
        pledges.booking_decision_pages("approved"),
    ),
    Field(
        "volunteer review reason",
        volunteers.prepare_review,
        volunteers.submit_review_reason,
        volunteers.review_pages,
    ),
    Field(
        "service-record rejection reason",
        volunteers.prepare_pending_records,
        volunteers.submit_rejection_reason,
        volunteers.record_pages,
    ),
    Field(
        "correction decision reason",
        volunteers.prepare_correction_decisions,
        volunteers.submit_correction_decision,
        volunteers.record_pages,
    ),
    Field(
        "attendance note",
        volunteers.prepare_attendance,
        volunteers.submit_attendance_note,
        volunteers.attendance_pages,
    ),
    Field(
        "comment report note",
        moderation.prepare_moderation,
        moderation.submit_flag_note,
        moderation.moderation_pages,
    ),
    Field(
        "moderation reason, appeal and appeal decision",
        moderation.prepare_moderation,
        moderation.submit_moderation_chain,
        moderation.moderation_pages,
    ),
    *(
        Field(
            f"saved reply: {which}",
            moderation.prepare_reply_templates,
            moderation.submit_reply_template(which),
            moderation.reply_template_pages,
        )
        for which in ("title", "body", "reason")
    ),
    search_box(
        worlds.add_consultation,
        lambda world: world.consultation.get_parent().url,
        "q",
    ),
    search_box(
        worlds.add_activity, lambda world: world.activity.get_parent().url, "skills"
    ),
    search_box(worlds.add_pledge, _pledge_directory, "q"),
]
