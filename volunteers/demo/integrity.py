"""Cases that wait for a platform decision, so that the staff screens of issue
11 have something to decide in the demo: an identity claim (resident02 registered
with the ID number volunteer001 holds) and a points multiplier an editor of
贵阳市生态环境局 proposed on an activity. Idempotent: each case is made once."""

from decimal import Decimal

from home import demo as home_demo
from home.models import User
from volunteers.identity import id_check_character, id_number_tag, mask_id_number
from volunteers.models import (
    ActivityPage,
    IdentityClaim,
    MultiplierDecision,
    Team,
    TeamMembership,
    Volunteer,
)
from volunteers.services.claims import identity_claim_open

ID_BODY = "52010219870315242"  # a made-up number of 南明区, born 1987
PROPOSED_MULTIPLIER = Decimal("1.5")
MULTIPLIER_ACTIVITY = "laji-fenlei-huaguoyuan-3"


def _user(name: str) -> User | None:
    return User.objects.filter(email=f"{name}@{home_demo.DEMO_EMAIL_DOMAIN}").first()


def seed_identity_claim(stats) -> None:
    holder = Volunteer.objects.filter(user=_user("volunteer001")).first()
    claimant_user = _user("resident02")
    if holder is None or claimant_user is None:
        return
    if IdentityClaim.objects.filter(holder=holder).exists():
        return
    number = ID_BODY + id_check_character(ID_BODY)
    tag = id_number_tag(number)
    Volunteer.objects.filter(pk=holder.pk, id_number_tag="").update(
        id_number_tag=tag, id_number_masked=mask_id_number(number)
    )
    claimant = Volunteer.objects.filter(user=claimant_user).first()
    if claimant is None:
        claimant = Volunteer.objects.create(
            user=claimant_user,
            real_name=holder.real_name,
            phone="13985123456",
            id_number_tag=tag,
            id_number_masked=mask_id_number(number),
            gender=holder.gender,
            birth_year=1987,
            district=holder.district,
            community=holder.community,
            categories=list(holder.categories),
            status=Volunteer.Status.PENDING,
            code_of_conduct_accepted_at=holder.code_of_conduct_accepted_at,
        )
        team = Team.objects.filter(memberships__volunteer=holder).first()
        if team is not None:
            TeamMembership.objects.get_or_create(team=team, volunteer=claimant)
    if identity_claim_open(claimant=claimant) is not None:
        stats["IdentityClaim"]["created"] += 1


def seed_multiplier_proposal(stats) -> None:
    editor = _user("shengtai.editor")
    page = ActivityPage.objects.filter(slug=MULTIPLIER_ACTIVITY).first()
    if editor is None or page is None:
        return
    if MultiplierDecision.objects.filter(activity_id=page.pk).exists():
        return
    page.points_multiplier = PROPOSED_MULTIPLIER
    # Publishing turns the value into a proposal (volunteers/signals.py).
    page.save_revision(user=editor).publish(user=editor)
    stats["MultiplierDecision"]["created"] += 1


def seed_integrity_cases(stats) -> None:
    seed_identity_claim(stats)
    seed_multiplier_proposal(stats)
