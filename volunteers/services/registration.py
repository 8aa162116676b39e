"""Becoming a Green Ribbon volunteer: registration, review (approve, reject,
suspend) and profile changes.

Every write runs in a transaction; a refusal raises ``ValidationError`` (a field's
message), ``ServiceError`` or ``PermissionDenied`` with a message for the user, and
nothing is half-saved. Emails go through the outbox, so they leave only once the
transaction commits."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.emails import email_language, email_send
from home.exceptions import ServiceError
from home.models import District, User
from home.permissions import has_verified_email
from home.phone import normalise_phone
from volunteers.identity import id_number_digest, mask_id_number, validate_id_number
from volunteers.models import Team, TeamMembership, Volunteer
from volunteers.selectors.profiles import user_can_review_volunteer

GREEN_RIBBON_PREFIX = "GY"
GREEN_RIBBON_DIGITS = 6
NUMBER_ATTEMPTS = 20
EARLIEST_BIRTH_YEAR = 1920
MINIMUM_AGE = 14
REASON_MAX_LENGTH = Volunteer._meta.get_field("status_reason").max_length
DUPLICATE_ID_MESSAGE = gettext_lazy(
    "A volunteer with this ID number is already registered. If this is you, sign "
    "in with the account you registered with."
)


# Field rules (shared with the forms) --------------------------------------------


def birth_year_range(*, today=None) -> tuple[int, int]:
    """The years of birth accepted: from 1920 to the year of a 14-year-old."""
    today = today or timezone.localdate()
    return EARLIEST_BIRTH_YEAR, today.year - MINIMUM_AGE


def clean_birth_year(value) -> int:
    earliest, latest = birth_year_range()
    try:
        year = int(value)
    except (TypeError, ValueError) as error:
        raise ValidationError(
            _("Enter your year of birth as four digits, for example 1985."),
            code="invalid",
        ) from error
    if year > latest:
        raise ValidationError(
            _(
                "Volunteers must be at least %(age)d years old: enter a year of birth "
                "no later than %(latest)d."
            )
            % {"age": MINIMUM_AGE, "latest": latest},
            code="too_young",
        )
    if year < earliest:
        raise ValidationError(
            _("Enter a year of birth between %(earliest)d and %(latest)d.")
            % {"earliest": earliest, "latest": latest},
            code="out_of_range",
        )
    return year


def clean_phone(value: str) -> str:
    phone = normalise_phone(value)
    if not phone:
        raise ValidationError(_("Enter your mobile number."), code="required")
    return phone


def clean_categories(values) -> list[str]:
    codes = [code for code in Volunteer.Category.values if code in set(values or ())]
    if not codes:
        raise ValidationError(
            _("Choose at least one category that describes you."), code="required"
        )
    return codes


def _required(value: str, message: str) -> str:
    if not value:
        raise ValidationError(message, code="required")
    return value


def _field_errors(**cleaners) -> dict:
    """Run each (field → callable) and gather every field's error, so that the
    user sees all the problems at once."""
    cleaned, errors = {}, {}
    for field, clean in cleaners.items():
        try:
            cleaned[field] = clean()
        except ValidationError as error:
            errors[field] = error.messages
    if errors:
        raise ValidationError(errors)
    return cleaned


# Emails -------------------------------------------------------------------------


def _send_decision(*, volunteer: Volunteer) -> None:
    """Tell the volunteer the outcome of the review."""
    user = volunteer.user
    if not user.is_active or not user.email:
        return
    with email_language():
        subjects = {
            Volunteer.Status.ACTIVE: _(
                "Your Green Ribbon volunteer registration is approved"
            ),
            Volunteer.Status.REJECTED: _("Your Green Ribbon volunteer registration"),
            Volunteer.Status.SUSPENDED: _(
                "Your Green Ribbon volunteer status is suspended"
            ),
        }
        context = {
            "volunteer": volunteer,
            "link": settings.CANYU_BASE_URL + reverse("volunteers:profile"),
        }
        subject = str(subjects[volunteer.status])
    email_send(
        to=user.email,
        subject=subject,
        template="volunteers/emails/registration_decision.txt",
        context=context,
    )


# Registration -------------------------------------------------------------------


@transaction.atomic
def volunteer_register(
    *,
    user: User,
    real_name: str,
    phone: str,
    gender: str,
    birth_year: int,
    district: District,
    community: str,
    categories: list[str],
    code_of_conduct_accepted: bool,
    id_number: str = "",
    skills: str = "",
    availability: str = "",
    team: Team | None = None,
) -> Volunteer:
    """A signed-in user with a verified email registers as a volunteer (one
    profile per user). The profile waits for review (PENDING). The ID number is
    optional; only its keyed digest (to refuse a second registration with the same
    number — the database's unique constraint settles races) and its masked form
    are stored. With ``team``, a request to join that team is made too, and the
    team's unit may review the registration."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Sign in to register as a volunteer."))
    if not has_verified_email(user):
        raise ServiceError(
            _("Verify your email address before registering: see My account.")
        )
    if Volunteer.objects.filter(user=user).exists():
        raise ServiceError(_("You have already registered as a volunteer."))
    if not code_of_conduct_accepted:
        raise ValidationError(
            {"code_of_conduct": _("Accept the code of conduct to register.")}
        )
    if gender not in Volunteer.Gender.values:
        raise ValidationError({"gender": _("Choose an answer.")})
    real_name = " ".join((real_name or "").split())
    community = " ".join((community or "").split())
    cleaned = _field_errors(
        real_name=lambda: _required(real_name, _("Enter your real name.")),
        phone=lambda: clean_phone(phone),
        birth_year=lambda: clean_birth_year(birth_year),
        categories=lambda: clean_categories(categories),
        community=lambda: _required(community, _("Enter your community.")),
        id_number=lambda: validate_id_number(id_number) if id_number.strip() else "",
    )
    number = cleaned["id_number"]
    digest = id_number_digest(number) if number else ""
    if digest and Volunteer.objects.filter(id_number_digest=digest).exists():
        raise ValidationError({"id_number": DUPLICATE_ID_MESSAGE})
    try:
        with transaction.atomic():
            volunteer = Volunteer.objects.create(
                user=user,
                real_name=real_name,
                phone=cleaned["phone"],
                id_number_digest=digest,
                id_number_masked=mask_id_number(number) if number else "",
                gender=gender,
                birth_year=cleaned["birth_year"],
                district=district,
                community=community,
                categories=cleaned["categories"],
                skills=(skills or "").strip(),
                availability=(availability or "").strip(),
                code_of_conduct_accepted_at=timezone.now(),
                status=Volunteer.Status.PENDING,
            )
    except IntegrityError as error:
        # A parallel registration won the race: say which rule it broke.
        if Volunteer.objects.filter(user=user).exists():
            raise ServiceError(
                _("You have already registered as a volunteer.")
            ) from error
        raise ValidationError({"id_number": DUPLICATE_ID_MESSAGE}) from error
    if team is not None:
        TeamMembership.objects.create(team=team, volunteer=volunteer)
    return volunteer


@transaction.atomic
def volunteer_profile_update(
    *,
    volunteer: Volunteer,
    phone: str,
    district: District,
    community: str,
    categories: list[str],
    skills: str = "",
    availability: str = "",
    show_on_leaderboards: bool = False,
) -> Volunteer:
    """A volunteer changes their own contact and profile details. The real name,
    ID number and year of birth are checked at review and do not change here."""
    community = " ".join((community or "").split())
    cleaned = _field_errors(
        phone=lambda: clean_phone(phone),
        categories=lambda: clean_categories(categories),
        community=lambda: _required(community, _("Enter your community.")),
    )
    volunteer.phone = cleaned["phone"]
    volunteer.district = district
    volunteer.community = community
    volunteer.categories = cleaned["categories"]
    volunteer.skills = (skills or "").strip()
    volunteer.availability = (availability or "").strip()
    volunteer.show_on_leaderboards = bool(show_on_leaderboards)
    volunteer.save(
        update_fields=[
            "phone",
            "district",
            "community",
            "categories",
            "skills",
            "availability",
            "show_on_leaderboards",
        ]
    )
    return volunteer


# Review -------------------------------------------------------------------------


def require_reviewer(*, user: User, volunteer: Volunteer) -> None:
    if not user_can_review_volunteer(user=user, volunteer=volunteer):
        raise PermissionDenied(
            _(
                "Only staff, or the administrators and organisers of the unit whose "
                "team the volunteer asked to join, can review this registration."
            )
        )


def _locked(volunteer: Volunteer) -> Volunteer:
    return (
        Volunteer.objects.select_for_update()
        .select_related("user")
        .get(pk=volunteer.pk)
    )


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Give the reason; the volunteer will be told."))
    if len(reason) > REASON_MAX_LENGTH:
        raise ServiceError(
            _("The reason is too long: at most %(max)d characters.")
            % {"max": REASON_MAX_LENGTH}
        )
    return reason


def next_green_ribbon_number(*, year: int) -> str:
    """The next free number of the year: GY2026000001, GY2026000002 …"""
    prefix = f"{GREEN_RIBBON_PREFIX}{year}"
    last = (
        Volunteer.objects.filter(green_ribbon_number__startswith=prefix)
        .order_by("-green_ribbon_number")
        .values_list("green_ribbon_number", flat=True)
        .first()
    )
    sequence = 1
    if last and last[len(prefix) :].isdigit():
        sequence = int(last[len(prefix) :]) + 1
    return f"{prefix}{sequence:0{GREEN_RIBBON_DIGITS}d}"


def _record_decision(
    *, volunteer: Volunteer, reviewer: User, status: str, reason: str
) -> Volunteer:
    volunteer.status = status
    volunteer.status_reason = reason
    volunteer.reviewed_by = reviewer
    volunteer.reviewed_at = timezone.now()
    volunteer.save(
        update_fields=["status", "status_reason", "reviewed_by", "reviewed_at"]
    )
    _send_decision(volunteer=volunteer)
    return volunteer


@transaction.atomic
def volunteer_approve(*, reviewer: User, volunteer: Volunteer) -> Volunteer:
    """Approve a pending (or reinstate a suspended or rejected) volunteer: ACTIVE,
    with a unique Green Ribbon number ("GY" + year + 6-digit sequence) kept for
    life. Two approvals at once may pick the same number; the unique constraint
    refuses the second, which takes the next one. The volunteer is emailed."""
    require_reviewer(user=reviewer, volunteer=volunteer)
    volunteer = _locked(volunteer)
    if volunteer.status == Volunteer.Status.ACTIVE:
        raise ServiceError(_("This volunteer is already active."))
    if not volunteer.green_ribbon_number:
        year = timezone.localdate().year
        for _attempt in range(NUMBER_ATTEMPTS):
            number = next_green_ribbon_number(year=year)
            try:
                with transaction.atomic():
                    Volunteer.objects.filter(pk=volunteer.pk).update(
                        green_ribbon_number=number
                    )
            except IntegrityError:
                continue
            volunteer.green_ribbon_number = number
            break
        else:
            raise ServiceError(
                _("No Green Ribbon number could be given; please try again.")
            )
    return _record_decision(
        volunteer=volunteer,
        reviewer=reviewer,
        status=Volunteer.Status.ACTIVE,
        reason="",
    )


@transaction.atomic
def volunteer_reject(*, reviewer: User, volunteer: Volunteer, reason: str) -> Volunteer:
    """Reject a pending registration, with a reason the volunteer is emailed."""
    require_reviewer(user=reviewer, volunteer=volunteer)
    reason = _clean_reason(reason)
    volunteer = _locked(volunteer)
    if volunteer.status != Volunteer.Status.PENDING:
        raise ServiceError(_("Only a registration waiting for review can be rejected."))
    return _record_decision(
        volunteer=volunteer,
        reviewer=reviewer,
        status=Volunteer.Status.REJECTED,
        reason=reason,
    )


@transaction.atomic
def volunteer_suspend(
    *, reviewer: User, volunteer: Volunteer, reason: str
) -> Volunteer:
    """Suspend an active volunteer, with a reason the volunteer is emailed. The
    Green Ribbon number is kept; approving again reinstates them."""
    require_reviewer(user=reviewer, volunteer=volunteer)
    reason = _clean_reason(reason)
    volunteer = _locked(volunteer)
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ServiceError(_("Only an active volunteer can be suspended."))
    return _record_decision(
        volunteer=volunteer,
        reviewer=reviewer,
        status=Volunteer.Status.SUSPENDED,
        reason=reason,
    )
