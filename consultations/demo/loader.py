"""Load the demo consultations (``manage.py seed_consultations``, run by
``seed_demo``): an index page, consultations in every phase with their clauses,
residents' comments, supports and flags, the units' official replies of every
outcome, two surveys with answers, reply templates and public evaluation.

Needs the units and people of ``seed_demo``. Idempotent and deterministic: pages
are keyed on their slugs and written only when they differ; a consultation's
comments, a survey's responses and a period's ratings are generated once, from
random generators seeded by those keys. Dates follow the clock, so each
consultation stays in its phase: when a re-run moves a consultation's dates, its
comments, replies and responses move with them."""

import time
import uuid
from datetime import timedelta

from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from consultations import demo
from consultations.demo.comments import ResidentActivity, between, random_for
from consultations.models import (
    Comment,
    CommentFlag,
    CommentSupport,
    ConsultationIndexPage,
    ConsultationPage,
    EvaluationPeriod,
    ModerationDecision,
    OfficialReply,
    ReplyTemplate,
    SurveyQuestion,
    SurveyResponse,
    Topic,
    UnitRating,
)
from home import demo as home_demo
from home.demo.seeding import DemoLoader, bulk_create_dated, demo_residents
from home.models import District, HomePage, Unit, UnitMembership, User

CLAUSE_NAMESPACE = uuid.UUID("6f1c1d9e-3f5a-4c2b-9a57-0c1a8d2b7e41")
# Demo logins the loader leaves free, so a visitor can try each form themselves.
UNTOUCHED_RESIDENTS = 2


class ConsultationsDemo(ResidentActivity, DemoLoader):
    def run(self) -> None:
        started = time.monotonic()
        self.today = timezone.localtime(self.now).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        with transaction.atomic():
            self.load_people()
            home = HomePage.objects.first()
            if home is None:
                raise CommandError("No home page: run `manage.py migrate` first.")
            index = self.seed_index_page(home, ConsultationIndexPage, **demo.INDEX)
            for spec in demo.CONSULTATIONS:
                page = self.seed_consultation(index, spec)
                if spec.comments and not page.comments.exists():
                    self.seed_comments(page, spec)
                if spec.survey and not page.survey_responses.exists():
                    self.seed_survey_responses(page, spec)
            self.seed_reply_templates()
            self.seed_evaluations()
            self.seed_home_listing(home, index)
        self.write_stats()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo consultations ready in {time.monotonic() - started:.1f} s: "
                f"{Comment.objects.count()} comments, "
                f"{OfficialReply.objects.count()} replies."
            )
        )

    # -- people and units ------------------------------------------------------

    def load_people(self):
        domain = home_demo.DEMO_EMAIL_DOMAIN
        self.residents = demo_residents()
        self.moderator = User.objects.filter(email=f"moderator@{domain}").first()
        if len(self.residents) < 10 or self.moderator is None:
            raise CommandError(
                "Run `manage.py seed_demo` first: it creates the people."
            )
        self.active_residents = self.residents[UNTOUCHED_RESIDENTS:]
        self.units = {unit.name: unit for unit in Unit.objects.all()}
        self.responders = {}
        for membership in UnitMembership.objects.filter(
            role=UnitMembership.Role.RESPONDER, user__email__endswith=f"@{domain}"
        ).select_related("unit", "user"):
            self.responders.setdefault(membership.unit.name, membership.user)

    def unit(self, name: str) -> Unit:
        if name not in self.units:
            raise CommandError(f"Unit {name} is missing: run `manage.py seed_demo`.")
        return self.units[name]

    # -- pages -----------------------------------------------------------------

    def day(self, offset):
        return None if offset is None else self.today + timedelta(days=offset)

    def seed_consultation(self, index, spec) -> ConsultationPage:
        days = spec.days
        opens_at, closes_at, deadline, published_at = (
            self.day(days[key])
            for key in ("opens", "closes", "replies_due", "results_published")
        )
        district = District.objects.get(name=spec.district) if spec.district else None
        values = {
            "title": spec.title,
            "unit": self.unit(spec.unit),
            "topic": Topic.objects.get(slug=spec.topic),
            "district": district,
            "summary": spec.summary,
            "search_description": spec.summary[:150],
            "opens_at": opens_at,
            "closes_at": closes_at,
            "reply_deadline": deadline,
            "moderation": spec.moderation,
            "results_summary": spec.results_summary,
            "results_published_at": published_at,
        }
        clauses = [
            {
                "type": "clause",
                "value": {
                    "number": demo.clause_number(n),
                    "heading": heading,
                    "text": text,
                },
                "id": str(uuid.uuid5(CLAUSE_NAMESPACE, f"{spec.slug}:{n}")),
            }
            for n, (heading, text) in enumerate(spec.clauses, start=1)
        ]
        page = ConsultationPage.objects.child_of(index).filter(slug=spec.slug).first()
        if page is None:
            page = ConsultationPage(slug=spec.slug, clauses=clauses, **values)
            page.survey_questions = [
                SurveyQuestion(
                    kind=q.kind,
                    prompt=q.prompt,
                    choices="\n".join(q.choices),
                    required=q.required,
                    sort_order=order,
                )
                for order, q in enumerate(spec.survey)
            ]
            index.add_child(instance=page)
            page.save_revision().publish()
            self.stats["ConsultationPage"]["created"] += 1
            return page
        stored = [
            {"type": b["type"], "value": b["value"], "id": b["id"]}
            for b in page.clauses.raw_data
        ]
        changed = {f: v for f, v in values.items() if getattr(page, f) != v}
        if not changed and stored == clauses:
            self.stats["ConsultationPage"]["unchanged"] += 1
            return page
        if "opens_at" in changed:
            self.shift_activity(page, opens_at - page.opens_at)
        for field, value in changed.items():
            setattr(page, field, value)
        page.clauses = clauses
        page.save_revision().publish()
        self.stats["ConsultationPage"]["updated"] += 1
        return page

    def shift_activity(self, page, delta):
        """Move a consultation's activity with its dates (a re-run on a later day)."""
        Comment.objects.filter(consultation=page).update(
            created_at=F("created_at") + delta, due_at=F("due_at") + delta
        )
        for model, path in (
            (OfficialReply, "comment__consultation"),
            (CommentSupport, "comment__consultation"),
            (CommentFlag, "comment__consultation"),
            (ModerationDecision, "comment__consultation"),
            (SurveyResponse, "consultation"),
        ):
            model.objects.filter(**{path: page}).update(
                created_at=F("created_at") + delta
            )

    # -- reply templates, evaluation ---------------------------------------------

    def seed_reply_templates(self):
        for unit_name in demo.REPLY_TEMPLATE_UNITS:
            unit = self.unit(unit_name)
            for spec in demo.REPLY_TEMPLATES:
                title = spec["title"]
                values = {f: spec[f] for f in ("outcome", "body", "reason")}
                template = ReplyTemplate.objects.filter(unit=unit, title=title).first()
                if template is None:
                    ReplyTemplate.objects.create(unit=unit, title=title, **values)
                    self.stats["ReplyTemplate"]["created"] += 1
                elif any(getattr(template, f) != v for f, v in values.items()):
                    ReplyTemplate.objects.filter(pk=template.pk).update(**values)
                    self.stats["ReplyTemplate"]["updated"] += 1
                else:
                    self.stats["ReplyTemplate"]["unchanged"] += 1

    def seed_evaluations(self):
        units = [self.unit(name) for name in demo.EVALUATION_UNITS]
        for spec in demo.EVALUATION_PERIODS:
            title, published = spec["title"], spec["scorecards_published"]
            values = {
                "starts_at": self.day(spec["starts"]),
                "ends_at": self.day(spec["starts"] + spec["days"]),
                "scorecards_published": published,
            }
            period = EvaluationPeriod.objects.filter(title=title).first()
            if period is None:
                period = EvaluationPeriod(title=title, **values)
                period.units = units
                period.save()
                self.stats["EvaluationPeriod"]["created"] += 1
            elif any(getattr(period, f) != v for f, v in values.items()):
                delta = values["starts_at"] - period.starts_at
                EvaluationPeriod.objects.filter(pk=period.pk).update(**values)
                UnitRating.objects.filter(period=period).update(
                    created_at=F("created_at") + delta
                )
                period.refresh_from_db()
                self.stats["EvaluationPeriod"]["updated"] += 1
            else:
                self.stats["EvaluationPeriod"]["unchanged"] += 1
            if not period.ratings.exists():
                self.seed_ratings(period, units, share=0.8 if published else 0.25)

    def seed_ratings(self, period, units, *, share):
        rng = random_for(f"ratings:{period.title}")
        end = min(period.ends_at, self.now - timedelta(hours=2))
        ratings = []
        for unit in units:
            weights = demo.RATING_WEIGHTS.get(unit.name, demo.RATING_WEIGHTS["default"])
            for user in self.active_residents:
                if rng.random() >= share:
                    continue
                score = rng.choices(range(1, 6), weights)[0]
                comment = ""
                if rng.random() < 0.35:
                    comment = rng.choice(demo.RATING_COMMENTS[score])
                ratings.append(
                    UnitRating(
                        period=period,
                        unit=unit,
                        user=user,
                        score=score,
                        comment=comment,
                        created_at=between(rng, period.starts_at, end),
                    )
                )
        bulk_create_dated(UnitRating, ratings)
        self.stats["UnitRating"]["created"] += len(ratings)
