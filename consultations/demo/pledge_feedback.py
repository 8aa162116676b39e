"""Load residents' feedback on the demo pledges (``manage.py seed_pledge_feedback``,
run by ``seed_demo`` right after ``seed_pledges``): on this year's published
pledge of every third unit (by name), residents comment on commitments and report
broken promises, and the unit's responder answers all but the last of them.

Needs the units, people and pledges of ``seed_demo``. Idempotent and
deterministic: feedback is written only for a pledge that has none, its random
choices are seeded by the unit, and it is dated in the weeks before the run. The
texts are in data/pledge_feedback.json."""

import datetime
import time

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from consultations import demo
from consultations.demo.loader import UNTOUCHED_RESIDENTS
from consultations.models import Comment, OfficialReply
from home.demo.seeding import DemoLoader, bulk_create_dated, demo_residents, seeded
from home.models import PledgePage, Unit, UnitMembership

# Every EVERY-th unit (by name, from the first) gets feedback on this year's pledge.
EVERY = 3


class PledgeFeedbackDemo(DemoLoader):
    def run(self) -> None:
        started = time.monotonic()
        year = timezone.localdate(self.now).year
        with transaction.atomic():
            self.load_people()
            units = list(Unit.objects.order_by("name"))
            for unit in units[::EVERY]:
                pledge = PledgePage.objects.filter(
                    unit=unit, year=year, live=True
                ).first()
                if pledge is not None:
                    self.seed_feedback(unit, pledge)
        self.write_stats()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo pledge feedback ready in {time.monotonic() - started:.1f} s: "
                f"{Comment.objects.filter(pledge__isnull=False).count()} comments, "
                f"{OfficialReply.objects.filter(comment__pledge__isnull=False).count()}"
                " replies."
            )
        )

    def load_people(self):
        self.residents = demo_residents()[UNTOUCHED_RESIDENTS:]
        if len(self.residents) < 3:
            raise CommandError(
                "Run `manage.py seed_demo` first: it creates the people."
            )
        self.responders = {}
        for membership in UnitMembership.objects.filter(
            role=UnitMembership.Role.RESPONDER
        ).select_related("user"):
            self.responders.setdefault(membership.unit_id, membership.user)

    def seed_feedback(self, unit, pledge):
        """Residents' comments on the pledge's items, with some replies."""
        if Comment.objects.filter(pledge=pledge).exists():
            self.stats["Feedback"]["unchanged"] += 1
            return
        rng = seeded("canyu-pledge-feedback", unit.name)
        items = list(pledge.items.all())
        if not items:
            return
        responder = self.responders.get(unit.pk)
        comments = []
        for number in range(rng.randint(2, 4)):
            feedback = rng.choice(demo.PLEDGE_COMMENTS)
            created_at = self.now - datetime.timedelta(
                days=rng.randint(1, 60), hours=number
            )
            comments.append(
                Comment(
                    pledge=pledge,
                    clause_id=str(rng.choice(items).pk),
                    kind=feedback["kind"],
                    author=rng.choice(self.residents),
                    body=feedback["body"],
                    status=Comment.Status.PUBLISHED,
                    created_at=created_at,
                    due_at=pledge.reply_due_for(created_at),
                )
            )
        bulk_create_dated(Comment, comments)
        replies = []
        if responder is not None:
            for comment in comments[: max(1, len(comments) - 1)]:
                reply = rng.choice(demo.PLEDGE_REPLIES)
                replies.append(
                    OfficialReply(
                        comment=comment,
                        responder=responder,
                        outcome=reply["outcome"],
                        body=reply["body"],
                        created_at=min(
                            comment.created_at + datetime.timedelta(days=2), self.now
                        ),
                    )
                )
            bulk_create_dated(OfficialReply, replies)
        self.stats["Feedback"]["created"] += len(comments)
        self.stats["FeedbackReply"]["created"] += len(replies)
