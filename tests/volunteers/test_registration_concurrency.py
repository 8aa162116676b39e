"""Registration and review under concurrency (PostgreSQL): one approved profile
per ID number, and every approved volunteer gets a different Green Ribbon number."""

from home.exceptions import ServiceError
from home.models import District
from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.factories import UserFactory
from tests.volunteers.factories import VolunteerFactory
from volunteers.identity import id_check_character
from volunteers.models import Volunteer
from volunteers.services.registration import volunteer_approve, volunteer_register

pytestmark = POSTGRES_ONLY

ID_BODY = "52010219850101123"


def test_parallel_registrations_with_one_id_number_give_one_approved_profile():
    """Registrations are all accepted (a taken number is a claim for staff, not
    an error that reveals it); approving them in parallel makes one active."""
    users = [UserFactory() for _index in range(8)]
    district = District.objects.get(code="520102")
    number = ID_BODY + id_check_character(ID_BODY)

    def register(user):
        return volunteer_register(
            user=user,
            real_name="同一人",
            id_number=number,
            gender="female",
            birth_year=1985,
            district=district,
            community="花果园社区",
            categories=["resident"],
            code_of_conduct_accepted=True,
            sensitive_data_consent=True,
        )

    results, errors = run_in_parallel(register, users)
    assert errors == []
    assert Volunteer.objects.count() == 8
    staff = UserFactory(is_staff=True)
    results, errors = run_in_parallel(
        lambda volunteer: volunteer_approve(reviewer=staff, volunteer=volunteer),
        list(Volunteer.objects.all()),
    )
    # Refused by an open claim or, in a race, by the database: either way with
    # a message for the reviewer, never a database error (a 500).
    assert all(isinstance(error, ServiceError) for error in errors), errors
    assert len(results) <= 1
    assert Volunteer.objects.filter(status=Volunteer.Status.ACTIVE).count() <= 1


def test_parallel_approvals_give_distinct_numbers():
    staff = UserFactory(is_staff=True)
    volunteers = [
        VolunteerFactory(status=Volunteer.Status.PENDING, green_ribbon_number=None)
        for _index in range(10)
    ]
    results, errors = run_in_parallel(
        lambda volunteer: volunteer_approve(reviewer=staff, volunteer=volunteer),
        volunteers,
    )
    assert errors == []
    numbers = set(Volunteer.objects.values_list("green_ribbon_number", flat=True))
    assert len(numbers) == 10
    assert Volunteer.objects.filter(status=Volunteer.Status.ACTIVE).count() == 10


def test_two_approvals_of_one_id_number_at_once_refuse_one_with_a_message():
    """Two pending profiles with one ID number and no claim between them (as
    left by data entered before claims existed): approved at the same instant,
    the database keeps one and the other reviewer gets a clear refusal."""
    staff = UserFactory(is_staff=True)
    tag = "same-id-number-tag"
    VolunteerFactory(status=Volunteer.Status.PENDING)
    Volunteer.objects.update(id_number_tag=tag, green_ribbon_number=None)
    VolunteerFactory(
        status=Volunteer.Status.PENDING, green_ribbon_number=None, id_number_tag=tag
    )
    results, errors = run_in_parallel(
        lambda volunteer: volunteer_approve(reviewer=staff, volunteer=volunteer),
        list(Volunteer.objects.all()),
    )
    assert len(results) == 1
    assert len(errors) == 1 and isinstance(errors[0], ServiceError), errors
    assert Volunteer.objects.filter(status=Volunteer.Status.ACTIVE).count() == 1
