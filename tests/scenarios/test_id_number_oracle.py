"""Issue 11, "The ID number is an oracle": "Any verified account can submit
anyone's ID number at registration and learn from the error
('该身份证号码已注册为志愿者') whether that person is a volunteer." """

from django.core.cache import cache

import pytest

from home.models import District
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTER_URL = "/volunteers/register/"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id_number(first_17):
    """GB 11643 check character."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first_17, WEIGHTS, strict=True)
    )
    return first_17 + "10X98765432"[total % 11]


def _register(client, id_number, email):
    client.force_login(UserFactory(email=email, display_name="新用户"))
    return client.post(
        REGISTER_URL,
        {
            "real_name": "王小明",
            "phone": "138 1234 5678",
            "id_number": id_number,
            "gender": "male",
            "birth_year": "1980",
            "district": District.objects.get(code="520102").pk,
            "community": "花果园社区",
            "categories": ["resident"],
            "code_of_conduct": "on",
            "sensitive_data_consent": "on",
        },
    )


def test_a_taken_id_number_gets_the_same_answer_as_a_fresh_one(client):
    cache.clear()
    owners_id = _id_number("52010219800101123")
    owner = _register(client, owners_id, "owner@example.cn")
    assert owner.status_code == 302  # the owner registers first
    fresh = _register(client, _id_number("52010219800202456"), "fresh@example.cn")
    taken = _register(client, owners_id, "prober@example.cn")

    assert "已注册" not in taken.content.decode(), (
        "the answer to a taken ID number says it is registered (已注册)"
    )
    assert (taken.status_code, taken.get("Location")) == (
        fresh.status_code,
        fresh.get("Location"),
    ), "the second registration with a taken ID number got a different answer"
    assert "已注册" not in client.get(taken["Location"]).content.decode()
