"""Becoming a Green Ribbon volunteer: registration and profile changes (the
review is in ``review``, re-exported here).

Every write runs in a transaction; a refusal raises ``ValidationError`` (a field's
message), ``ServiceError`` or ``PermissionDenied`` with a message for the user, and
nothing is half-saved. Emails go through the outbox, so they leave only once the
transaction commits."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.consent.services import consent_accept_current
from home.exceptions import ServiceError
from home.models import ConsentRecord, District, PolicyVersion, User
from home.permissions import has_verified_contact
from home.phone import has_verified_phone, normalise_phone
from volunteers.identity import id_number_tag, mask_id_number, validate_id_number
from volunteers.models import Team, TeamMembership, Volunteer
from volunteers.services.claims import identity_claim_open

EARLIEST_BIRTH_YEAR = 1920
MINIMUM_AGE = 14


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


# Registration -------------------------------------------------------------------


@transaction.atomic
def volunteer_register(
    *,
    user: User,
    real_name: str,
    gender: str,
    birth_year: int,
    district: District,
    community: str,
    categories: list[str],
    code_of_conduct_accepted: bool,
    sensitive_data_consent: bool,
    id_number: str = "",
    skills: str = "",
    availability: str = "",
    team: Team | None = None,
) -> Volunteer:
    """A signed-in user with a verified email registers as a volunteer (one
    profile per user). The profile waits for review (PENDING). The ID number is
    optional; only its keyed hash and its masked form are stored. A number that
    another profile already holds is not refused (that would tell anyone whether
    someone is a volunteer): the registration is accepted like any other and an
    identity claim is opened for staff to resolve (services/claims.py); the
    database refuses two *approved* profiles with one number. With ``team``, a
    request to join that team is made too, and the team's unit may review the
    registration. The phone registered is the account's mobile number, verified
    by SMS code (allauth's phone verification): organisers call a number that
    is known to reach the volunteer. Callers count the attempt first
    (``home.limits.enforce("volunteer_registration")``)."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Sign in to register as a volunteer."))
    if not has_verified_contact(user):
        raise ServiceError(
            _("Verify your email address before registering: see My account.")
        )
    if not has_verified_phone(user):
        raise ServiceError(
            _(
                "Verify your mobile number by SMS code before registering: see "
                "My account."
            )
        )
    if Volunteer.objects.filter(user=user).exists():
        raise ServiceError(_("You have already registered as a volunteer."))
    if not code_of_conduct_accepted:
        raise ValidationError(
            {"code_of_conduct": _("Accept the code of conduct to register.")}
        )
    if not sensitive_data_consent:
        raise ValidationError(
            {
                "sensitive_data_consent": _(
                    "Give your separate consent to the processing of your "
                    "sensitive personal information to register as a volunteer."
                )
            }
        )
    if gender not in Volunteer.Gender.values:
        raise ValidationError({"gender": _("Choose an answer.")})
    real_name = " ".join((real_name or "").split())
    community = " ".join((community or "").split())
    cleaned = _field_errors(
        real_name=lambda: _required(real_name, _("Enter your real name.")),
        birth_year=lambda: clean_birth_year(birth_year),
        categories=lambda: clean_categories(categories),
        community=lambda: _required(community, _("Enter your community.")),
        id_number=lambda: validate_id_number(id_number) if id_number.strip() else "",
    )
    number = cleaned["id_number"]
    tag = id_number_tag(number) if number else ""
    try:
        with transaction.atomic():
            volunteer = Volunteer.objects.create(
                user=user,
                real_name=real_name,
                phone=user.phone,
                id_number_tag=tag,
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
            # The separate consent (PIPL art. 29), with its version and time.
            consent_accept_current(
                user=user,
                kinds=[PolicyVersion.Kind.VOLUNTEER_SENSITIVE],
                method=ConsentRecord.Method.REGISTRATION,
            )
    except IntegrityError as error:
        # A parallel registration of the same account won the race.
        raise ServiceError(_("You have already registered as a volunteer.")) from error
    if tag:
        identity_claim_open(claimant=volunteer)
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


# The review moved to its own module; these names stay importable from here.
from volunteers.services.review import (  # noqa: E402
    volunteer_approve,
    volunteer_refuse_from_teams,
    volunteer_reinstate,
    volunteer_reject,
    volunteer_suspend,
)

__all__ = [
    "volunteer_approve",
    "volunteer_profile_update",
    "volunteer_refuse_from_teams",
    "volunteer_register",
    "volunteer_reinstate",
    "volunteer_reject",
    "volunteer_suspend",
]
