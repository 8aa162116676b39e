"""Registration and review under concurrency (PostgreSQL): one profile per ID
number, and every approved volunteer gets a different Green Ribbon number."""

from django.core.exceptions import ValidationError

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


def test_parallel_registrations_with_one_id_number_make_one_profile():
    users = [UserFactory() for _index in range(8)]
    district = District.objects.get(code="520102")
    number = ID_BODY + id_check_character(ID_BODY)

    def register(user):
        return volunteer_register(
            user=user,
            real_name="同一人",
            phone="13812345678",
            id_number=number,
            gender="female",
            birth_year=1985,
            district=district,
            community="花果园社区",
            categories=["resident"],
            code_of_conduct_accepted=True,
        )

    results, errors = run_in_parallel(register, users)
    assert len(results) == 1
    assert len(errors) == 7
    assert all(isinstance(e, ValidationError | ServiceError) for e in errors)
    assert Volunteer.objects.count() == 1


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
