"""Load the demo points content (after seed_volunteers and the demo service
records, which seed_demo runs first): a reward catalogue, the ledger for every
approved service record that exists, some redemptions (handed over, waiting,
cancelled) and a few certificates with their PDFs.

Idempotent and deterministic: a second run posts nothing new."""

import random
import time
from collections import Counter, defaultdict
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from home.demo_seeding import DemoSeedCommand
from home.exceptions import ServiceError
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

# name, description, price, stock, per-person limit, days it stays on offer
REWARDS = [
    ("环保帆布袋", "印有绿丝带标志的帆布购物袋，可重复使用。", 60, 200, 3, None),
    (
        "公交卡充值 20 元",
        "贵阳公交卡（筑城通）充值 20 元，凭志愿者证到服务站办理。",
        200,
        80,
        2,
        None,
    ),
    ("绿丝带志愿者马甲", "绿丝带志愿服务统一马甲，服务时穿着。", 150, 60, 1, None),
    ("图书《贵阳城市记忆》", "介绍贵阳历史文化的图书一本。", 120, 40, 1, None),
    ("观影券", "贵阳市内合作影院通用观影券一张。", 300, 30, 2, 90),
    ("不锈钢保温杯", "500 毫升保温杯，印有“民有所呼、我有所应”。", 250, 25, 1, None),
    ("黔灵山公园年票", "黔灵山公园一年内不限次入园。", 600, 10, 1, 180),
]
ENDED_REWARD = ("中秋月饼礼盒", "中秋节志愿者慰问礼盒（已结束）。", 180, 0, 1)
CERTIFICATES = 4


class Command(DemoSeedCommand):
    help = "Create the demo rewards, points ledger, redemptions and certificates."

    def handle(self, *args, **options):
        self.refuse_without_debug(options)
        started = time.monotonic()
        self.stats = defaultdict(Counter)
        self.now = timezone.now()
        rewards = self.seed_rewards()
        self.seed_ledger()
        self.seed_redemptions(rewards)
        self.seed_certificates()
        for model, counts in self.stats.items():
            parts = [f"{counts[s]} {s}" for s in ("created", "updated", "unchanged")]
            self.stdout.write(f"  {model:<20} {', '.join(parts)}")
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
        for name, description, price, stock, limit, days in REWARDS:
            reward = Reward.objects.filter(name=name).first()
            if reward is None:
                until = self.now + timedelta(days=days) if days else None
                reward = Reward.objects.create(
                    name=name,
                    description=description,
                    points_price=price,
                    stock=stock,
                    per_person_limit=limit,
                    active_from=start,
                    active_until=until,
                )
                self.stats["Reward"]["created"] += 1
            else:
                self.stats["Reward"]["unchanged"] += 1
            rewards.append(reward)
        name, description, price, stock, limit = ENDED_REWARD
        if not Reward.objects.filter(name=name).exists():
            Reward.objects.create(
                name=name,
                description=description,
                points_price=price,
                stock=stock,
                per_person_limit=limit,
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
        rng = random.Random("canyu-demo-redemptions")  # noqa: S311 (demo data)
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
