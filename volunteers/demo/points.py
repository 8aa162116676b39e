"""The demo points content (``manage.py seed_points``, run by ``seed_demo`` after
the volunteering and its service records): a reward catalogue
(data/rewards.json), the ledger for every approved service record that exists,
some redemptions (handed over, waiting, cancelled) and a few certificates with
their PDFs.

Idempotent and deterministic: a second run posts nothing new."""

import random
import time
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from home.demo.seeding import DemoLoader, read_data
from home.exceptions import ServiceError
from volunteers import demo
from volunteers.models import (
    Certificate,
    PointsAccount,
    PointsEntry,
    Redemption,
    Reward,
    ServiceRecord,
)
from volunteers.services.certificates import certificate_render, certificate_request
from volunteers.services.points import points_sync_for_record
from volunteers.services.rewards import (
    redemption_cancel,
    redemption_fulfil,
    reward_redeem,
)
from volunteers.services.team_totals import team_totals_refresh

# {"rewards": [{name, description, points_price, stock, per_person_limit,
# days_on_offer (or null: no end)}], "ended": a reward no longer on offer}
REWARDS = read_data(demo.__file__, "rewards")
CERTIFICATES = 4


class PointsDemo(DemoLoader):
    def run(self) -> None:
        started = time.monotonic()
        rewards = self.seed_rewards()
        self.seed_ledger()
        team_totals_refresh()  # the memberships were bulk-inserted (no signal)
        self.seed_redemptions(rewards)
        self.seed_certificates()
        self.write_stats()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo points ready in {time.monotonic() - started:.1f} s: "
                f"{PointsEntry.objects.count()} ledger entries, "
                f"{Reward.objects.count()} rewards, "
                f"{Redemption.objects.count()} redemptions, "
                f"{Certificate.objects.count()} certificates."
            )
        )

    def seed_rewards(self) -> list[Reward]:
        rewards = []
        start = self.now - timedelta(days=400)
        for spec in REWARDS["rewards"]:
            values = dict(spec)
            days = values.pop("days_on_offer")
            reward = Reward.objects.filter(name=spec["name"]).first()
            if reward is None:
                until = self.now + timedelta(days=days) if days else None
                reward = Reward.objects.create(
                    **values, active_from=start, active_until=until
                )
                self.stats["Reward"]["created"] += 1
            else:
                self.stats["Reward"]["unchanged"] += 1
            rewards.append(reward)
        ended = REWARDS["ended"]
        if not Reward.objects.filter(name=ended["name"]).exists():
            Reward.objects.create(
                **ended,
                active_from=self.now - timedelta(days=120),
                active_until=self.now - timedelta(days=60),
            )
            self.stats["Reward"]["created"] += 1
        return rewards

    def seed_ledger(self) -> None:
        """Post the ledger for approved records without a credit yet, oldest first,
        each dated when the record was reviewed (or ended)."""
        credited = PointsEntry.objects.filter(record=OuterRef("pk"), kind="credit")
        records = (
            ServiceRecord.objects.filter(status=ServiceRecord.Status.APPROVED)
            .filter(~Exists(credited))
            .select_related("shift__activity", "volunteer")
            .order_by("started_at", "pk")
        )
        count = 0
        # One transaction: thousands of commits would dominate the time on SQLite.
        with transaction.atomic():
            for record in records:
                points_sync_for_record(record=record)
                stamp = record.reviewed_at or record.ended_at or record.started_at
                PointsEntry.objects.filter(record=record).update(created_at=stamp)
                count += 1
        self.stats["PointsEntry credit"]["created"] += count

    def seed_redemptions(self, rewards: list[Reward]) -> None:
        """Some volunteers with points redeem an item or two, once: most are handed
        over, a few wait, one is cancelled (its points come back)."""
        if Redemption.objects.exists():
            self.stats["Redemption"]["unchanged"] += Redemption.objects.count()
            return
        rng = random.Random("canyu-demo-redemptions")
        accounts = list(
            PointsAccount.objects.filter(balance__gte=60)
            .select_related("volunteer")
            .order_by("-balance", "pk")[:40]
        )
        made = []
        for account in accounts:
            for reward in rng.sample(rewards, k=min(2, len(rewards))):
                try:
                    made.append(
                        reward_redeem(volunteer=account.volunteer, reward_id=reward.pk)
                    )
                except ServiceError:
                    continue
        for position, redemption in enumerate(made):
            if position % 7 == 3:
                redemption_cancel(
                    redemption_id=redemption.pk, by=None, reason="志愿者申请取消兑换"
                )
            elif position % 4 != 1:
                redemption_fulfil(redemption_id=redemption.pk, by=None)
        self.stats["Redemption"]["created"] += len(made)

    def seed_certificates(self) -> None:
        """A certificate of this year's service for the volunteers with the most
        hours, the PDF made at once (not in the background)."""
        if Certificate.objects.exists():
            self.stats["Certificate"]["unchanged"] += Certificate.objects.count()
            return
        today = timezone.localdate()
        accounts = (
            PointsAccount.objects.filter(approved_minutes__gt=0)
            .select_related("volunteer")
            .order_by("-approved_minutes", "pk")[:CERTIFICATES]
        )
        for account in accounts:
            try:
                certificate = certificate_request(
                    volunteer=account.volunteer,
                    date_from=today - timedelta(days=365),
                    date_to=today,
                )
            except ServiceError:
                continue
            certificate_render(certificate_id=certificate.pk)
            self.stats["Certificate"]["created"] += 1
