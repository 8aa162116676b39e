"""The demo's policy versions and consents (run by ``manage.py seed_demo`` after
every section, so that the volunteers exist): the privacy policy and the terms
as published on the demo pages, the volunteers' sensitive-information rules
(a section of the privacy page), and every demo person's acceptance of them,
so that signing in with a demo login is not interrupted by the consent page.

Idempotent: versions are found by kind and version label, and an acceptance is
added only where the person has none standing."""

import datetime

from django.apps import apps

from home.demo.seeding import DemoLoader
from home.models import ConsentRecord, PolicyVersion, StandardPage, User

Kind = PolicyVersion.Kind
EFFECTIVE_ON = datetime.date(2026, 1, 1)
# (kind, version label, page slug, what changed)
VERSIONS = [
    (
        Kind.PRIVACY,
        "2026-01",
        "privacy",
        "首次发布：个人信息清单、保存期限和您的权利。",
    ),
    (Kind.TERMS, "2026-01", "terms", "首次发布。"),
    (
        Kind.VOLUNTEER_SENSITIVE,
        "2026-01",
        "privacy",
        "首次发布：身份证号码只保存哈希值和遮挡形式。",
    ),
]


class ConsentDemo(DemoLoader):
    stats_width = 16

    def run(self) -> None:
        versions = {
            kind: self.seed_version(kind, label, slug, summary)
            for kind, label, slug, summary in VERSIONS
        }
        everyone = [versions[Kind.PRIVACY], versions[Kind.TERMS]]
        # By name: home imports no feature app.
        Volunteer = apps.get_model("volunteers", "Volunteer")
        volunteer_users = set(Volunteer.objects.values_list("user_id", flat=True))
        standing = set(
            ConsentRecord.objects.filter(withdrawn_at__isnull=True).values_list(
                "user_id", "policy_version_id"
            )
        )
        rows = []
        for user_id in User.objects.order_by("pk").values_list("pk", flat=True):
            wanted = list(everyone)
            if user_id in volunteer_users:
                wanted.append(versions[Kind.VOLUNTEER_SENSITIVE])
            for version in wanted:
                if (user_id, version.pk) in standing:
                    self.stats["ConsentRecord"]["unchanged"] += 1
                    continue
                rows.append(
                    ConsentRecord(
                        user_id=user_id,
                        policy_version=version,
                        method=ConsentRecord.Method.DEMO,
                        accepted_at=self.now,
                    )
                )
        ConsentRecord.objects.bulk_create(rows)
        self.stats["ConsentRecord"]["created"] += len(rows)

    def seed_version(self, kind, label, slug, summary) -> PolicyVersion:
        page = StandardPage.objects.filter(slug=slug).first()
        values = {
            "effective_on": EFFECTIVE_ON,
            "page_id": page.pk if page else None,
            "summary": summary,
        }
        version = PolicyVersion.objects.filter(kind=kind, version=label).first()
        if version is None:
            self.stats["PolicyVersion"]["created"] += 1
            return PolicyVersion.objects.create(kind=kind, version=label, **values)
        changed = {f: v for f, v in values.items() if getattr(version, f) != v}
        if not changed:
            self.stats["PolicyVersion"]["unchanged"] += 1
            return version
        for field, value in changed.items():
            setattr(version, field, value)
        version.save()
        self.stats["PolicyVersion"]["updated"] += 1
        return version
