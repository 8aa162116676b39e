"""Fixtures for consultations: an index page, consultations in each phase, and the
people around them (residents, the issuing unit's responder, a moderator)."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

import pytest

from consultations.models import ConsultationIndexPage, ConsultationPage
from home.models import HomePage, UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory

CLAUSES = [
    ("第一条", "目的", "为了推进城市生活垃圾分类管理，改善人居环境，制定本办法。"),
    ("第二条", "适用范围", "本市行政区域内生活垃圾的分类投放、收集、运输和处理。"),
    ("第三条", "居民责任", "居民应当按照规定分类投放生活垃圾，不得随意倾倒。"),
]


@pytest.fixture
def consultation_index(db):
    home = HomePage.objects.get()
    index = ConsultationIndexPage(title="公众参与决策", slug="consultations")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_consultation(
    index, *, unit, phase="open", title="生活垃圾分类管理办法（征求意见稿）", **extra
):
    """A published consultation in the given phase (upcoming, open, closed,
    concluded), with three clauses."""
    now = timezone.now()
    opens_at = {
        "upcoming": now + timedelta(days=2),
        "open": now - timedelta(days=2),
        "closed": now - timedelta(days=30),
        "concluded": now - timedelta(days=60),
    }[phase]
    closes_at = opens_at + timedelta(days=20)
    page = ConsultationPage(
        title=title,
        slug=extra.pop(
            "slug", f"consultation-{phase}-{ConsultationPage.objects.count()}"
        ),
        unit=unit,
        summary="贵阳市拟出台生活垃圾分类管理办法，现公开征求意见。",
        clauses=[
            ("clause", {"number": number, "heading": heading, "text": text})
            for number, heading, text in CLAUSES
        ],
        opens_at=opens_at,
        closes_at=closes_at,
        reply_deadline=closes_at + timedelta(days=15),
        results_published_at=(now - timedelta(days=1))
        if phase == "concluded"
        else None,
        **extra,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


@pytest.fixture
def issuing_unit(db):
    return UnitFactory(name="贵阳市生态环境局")


@pytest.fixture
def consultation(consultation_index, issuing_unit):
    return make_consultation(consultation_index, unit=issuing_unit)


@pytest.fixture
def responder(issuing_unit):
    user = UserFactory(display_name="王答复")
    UnitMembershipFactory(
        unit=issuing_unit, user=user, role=UnitMembership.Role.RESPONDER
    )
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory(display_name="审核员")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def other_resident(db):
    return UserFactory(display_name="李四")
