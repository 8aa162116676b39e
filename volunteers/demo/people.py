"""The demo volunteers and teams: residents 03-30 and ~170 more demo accounts
registered as volunteers (one in eleven awaiting review), and teams with leaders,
members and pending requests."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password

from allauth.account.models import EmailAddress

from home import demo as home_demo
from home.models import User
from volunteers import demo
from volunteers.models import Team, TeamMembership, Volunteer

EXTRA_VOLUNTEERS = 172
PENDING_EVERY = 11  # one volunteer in eleven awaits review
FIRST_RESIDENT_VOLUNTEER = 3  # resident01 and 02 stay free to try registering


def volunteer_profile(rng, *, districts: list[str]) -> dict:
    district = rng.choice(districts)
    communities = demo.COMMUNITIES.get(district, [f"{district}城区社区"])
    categories = rng.sample(
        ["resident", "resident", "employee", "student", "retired", "legal"],
        k=rng.choice([1, 1, 2]),
    )
    if rng.random() < 0.06:
        categories.append(rng.choice(["deputy", "elders", "former_cadre"]))
    return {
        "district": district,
        "community": rng.choice(communities),
        "categories": sorted(set(categories)),
        "gender": rng.choice(["female", "male", "female", "male", "undisclosed"]),
        "birth_year": rng.randint(1956, 2005),
        "skills": rng.choice(demo.SKILLS),
        "availability": rng.choice(demo.AVAILABILITY),
        "show_on_leaderboards": rng.random() < 0.6,
    }


class VolunteerPeople:
    """Mixed into VolunteersDemo, whose ``districts``, ``units``, clock (``now``)
    and ``stats`` it uses."""

    def seed_users(self, emails: list[str], names: dict) -> dict:
        existing = {u.email: u for u in User.objects.filter(email__in=emails)}
        missing = [e for e in emails if e not in existing]
        if missing:
            password = make_password(home_demo.DEMO_PASSWORD)
            User.objects.bulk_create(
                [
                    User(email=e, display_name=names[e], password=password)
                    for e in missing
                ]
            )
            self.stats["User"]["created"] += len(missing)
        self.stats["User"]["unchanged"] += len(existing)
        users = {u.email: u for u in User.objects.filter(email__in=emails)}
        verified = set(
            EmailAddress.objects.filter(email__in=emails).values_list(
                "email", flat=True
            )
        )
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user=users[e], email=e, verified=True, primary=True)
                for e in emails
                if e not in verified
            ]
        )
        return users

    def seed_volunteers(self) -> list[Volunteer]:
        """Residents 03-30 and the extra demo volunteers, in a fixed order."""
        domain = home_demo.DEMO_EMAIL_DOMAIN
        names = {}
        residents = home_demo.RESIDENT_NAMES
        for number in range(FIRST_RESIDENT_VOLUNTEER, len(residents) + 1):
            names[f"resident{number:02d}@{domain}"] = residents[number - 1]
        for number in range(1, EXTRA_VOLUNTEERS + 1):
            email = f"volunteer{number:03d}@{domain}"
            names[email] = home_demo.chinese_name(demo.random_for(email))
        emails = list(names)
        users = self.seed_users(emails, names)
        existing = set(
            Volunteer.objects.filter(user__email__in=emails).values_list(
                "user__email", flat=True
            )
        )
        district_names = [n for n in demo.COMMUNITIES if n in self.districts]
        rows = []
        for position, email in enumerate(emails, start=1):
            if email in existing:
                continue
            rng = demo.random_for(f"profile:{email}")
            profile = volunteer_profile(rng, districts=district_names)
            district = self.districts[profile.pop("district")]
            real_name = names[email]
            if email.startswith("resident"):  # nicknames are not real names
                real_name = home_demo.chinese_name(rng)
            pending = position % PENDING_EVERY == 0
            prefix = rng.choice(home_demo.MOBILE_PREFIXES)
            rows.append(
                Volunteer(
                    user=users[email],
                    real_name=real_name,
                    phone=f"+86{prefix}{rng.randrange(10**8):08d}",
                    district=district,
                    code_of_conduct_accepted_at=self.now
                    - timedelta(days=400 - position),
                    status=Volunteer.Status.PENDING
                    if pending
                    else Volunteer.Status.ACTIVE,
                    # Last year's numbers: this year's are left to the reviewers.
                    green_ribbon_number=None if pending else f"GY2025{position:06d}",
                    **profile,
                )
            )
        Volunteer.objects.bulk_create(rows)
        self.stats["Volunteer"]["created"] += len(rows)
        self.stats["Volunteer"]["unchanged"] += len(existing)
        by_email = {
            v.user.email: v
            for v in Volunteer.objects.filter(user__email__in=emails).select_related(
                "user"
            )
        }
        return [by_email[e] for e in emails if e in by_email]

    def seed_teams(self, volunteers) -> dict:
        active = [v for v in volunteers if v.is_active]
        teams = {}
        for spec in demo.TEAMS:
            unit_name = spec["unit"]
            values = {
                "name": spec["name"],
                "unit": self.units.get(unit_name) if unit_name else None,
                "district": self.districts[spec["district"]],
                "community": spec["community"],
                "description": spec["description"],
            }
            team = Team.objects.filter(slug=spec["slug"]).first()
            if team is None:
                team = Team.objects.create(slug=spec["slug"], **values)
                self.stats["Team"]["created"] += 1
            elif any(getattr(team, f) != v for f, v in values.items()):
                Team.objects.filter(pk=team.pk).update(**values)
                self.stats["Team"]["updated"] += 1
            else:
                self.stats["Team"]["unchanged"] += 1
            teams[team.slug] = team
            if not team.memberships.exists():
                self.seed_members(team, active)
        return teams

    def seed_members(self, team, active):
        rng = demo.random_for(f"team:{team.slug}")
        chosen = rng.sample(active, rng.randint(12, 24))
        rows = []
        for position, volunteer in enumerate(chosen):
            status = TeamMembership.Status.APPROVED
            if position >= len(chosen) - 2:
                status = TeamMembership.Status.PENDING
            rows.append(
                TeamMembership(
                    team=team,
                    volunteer=volunteer,
                    role=TeamMembership.Role.LEADER
                    if position < 2
                    else TeamMembership.Role.MEMBER,
                    status=status,
                    decided_at=None if status == "pending" else self.now,
                )
            )
        TeamMembership.objects.bulk_create(rows)
        self.stats["TeamMembership"]["created"] += len(rows)
