"""Load the demo consultations: an index page, consultations in every phase with
their clauses, residents' comments, supports and flags, the units' official replies
of every outcome, two surveys with answers, reply templates and public evaluation.

Needs the units and people of ``seed_demo`` (which runs this command at its end).
Idempotent and deterministic: pages are keyed on their slugs and written only when
they differ; a consultation's comments, a survey's responses and a period's ratings
are generated once, from random generators seeded by those keys. Dates follow the
clock, so each consultation stays in its phase: when a re-run moves a consultation's
dates, its comments, replies and responses move with them."""

import random
import time
import uuid
from collections import Counter, defaultdict
from datetime import timedelta

from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from consultations import demo
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
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    Topic,
    UnitRating,
)
from home import demo_content
from home.demo_seeding import DemoSeedCommand, bulk_create_dated
from home.models import District, HomePage, Unit, UnitMembership, User

CLAUSE_NAMESPACE = uuid.UUID("6f1c1d9e-3f5a-4c2b-9a57-0c1a8d2b7e41")
# Days from today: (opens, closes, reply deadline, results published).
SCHEDULES = {
    "upcoming": [(4, 34, 54, None), (9, 39, 59, None)],
    "open": [(-12, 18, 38, None), (-6, 24, 44, None), (-20, 10, 30, None)],
    "closed_overdue": [(-50, -20, -5, None)],
    "closed": [(-35, -8, 7, None)],
    "concluded": [(-150, -120, -100, -90), (-100, -80, -65, -60)],
}
# Share of published comments answered so far, by phase.
ANSWERED = {"concluded": 1.0, "closed_overdue": 0.55, "closed": 0.45, "open": 0.25}
FLAGGED = {"liudong-renkou-jifen": 1, "shenghuo-laji-fenlei": 2}
PENDING_ON_PRE_MODERATED = 5
SURVEY_RESPONDENTS = {
    "12319-gonggong-fuwu-rexian-guifan": 22,
    "shenghuo-laji-fenlei": 18,
}
SUPPORTS = ([0, 1, 2, 3, 5, 8, 13, 20], [30, 20, 15, 10, 10, 7, 5, 3])
# Demo logins the command leaves free, so a visitor can try each form themselves.
UNTOUCHED_RESIDENTS = 2


def seeded(key: str) -> random.Random:
    # Reproducible demo data, not secrets.
    return random.Random(f"canyu-consultations:{key}")  # noqa: S311


def between(rng: random.Random, start, end):
    """A moment between start and end, more often near either end (as comments
    come in when a consultation opens and just before it closes)."""
    if end <= start:
        return start
    return start + (end - start) * rng.betavariate(0.7, 0.9)


class Command(DemoSeedCommand):
    help = "Create or update the demo consultations (after seed_demo)."

    def handle(self, *args, **options):
        self.refuse_without_debug(options)
        started = time.monotonic()
        self.stats = defaultdict(Counter)
        self.now = timezone.now()
        self.today = timezone.localtime(self.now).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        with transaction.atomic():
            self.load_people()
            home = HomePage.objects.first()
            if home is None:
                raise CommandError("No home page: run `manage.py migrate` first.")
            index = self.seed_index(home)
            position = Counter()
            for spec in demo.CONSULTATIONS:
                schedule = SCHEDULES[spec.phase][position[spec.phase]]
                position[spec.phase] += 1
                page = self.seed_consultation(index, spec, schedule)
                if spec.comments and not page.comments.exists():
                    self.seed_comments(page, spec)
                if spec.survey and not page.survey_responses.exists():
                    self.seed_survey_responses(page, spec)
            self.seed_reply_templates()
            self.seed_evaluations()
            self.seed_home_listing(home, index)
        for model, counts in self.stats.items():
            parts = [f"{counts[s]} {s}" for s in ("created", "updated", "unchanged")]
            self.stdout.write(f"  {model:<20} {', '.join(parts)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo consultations ready in {time.monotonic() - started:.1f} s: "
                f"{Comment.objects.count()} comments, "
                f"{OfficialReply.objects.count()} replies."
            )
        )

    # -- people and units ------------------------------------------------------

    def load_people(self):
        domain = demo_content.DEMO_EMAIL_DOMAIN
        emails = [
            f"resident{n:02d}@{domain}"
            for n in range(1, len(demo_content.RESIDENT_NAMES) + 1)
        ]
        by_email = {u.email: u for u in User.objects.filter(email__in=emails)}
        self.residents = [by_email[e] for e in emails if e in by_email]
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

    def seed_index(self, home):
        index = ConsultationIndexPage.objects.child_of(home).filter(
            slug=demo.INDEX_SLUG
        )
        index = index.first()
        values = {"title": demo.INDEX_TITLE, "intro": demo.INDEX_INTRO}
        values["show_in_menus"] = True
        if index is None:
            index = ConsultationIndexPage(slug=demo.INDEX_SLUG, **values)
            home.add_child(instance=index)
            index.save_revision().publish()
            self.stats["Page"]["created"] += 1
        elif any(getattr(index, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(index, field, value)
            index.save_revision().publish()
            self.stats["Page"]["updated"] += 1
        else:
            self.stats["Page"]["unchanged"] += 1
        return index

    def day(self, offset):
        return None if offset is None else self.today + timedelta(days=offset)

    def seed_consultation(self, index, spec, schedule) -> ConsultationPage:
        opens_at, closes_at, deadline, published_at = map(self.day, schedule)
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

    # -- comments, replies, supports ---------------------------------------------

    def seed_comments(self, page, spec):
        rng = seeded(f"comments:{spec.slug}")
        clause_ids = [clause["id"] for clause in page.clause_list]
        end = min(page.closes_at, self.now - timedelta(hours=2))
        ideas = list(spec.suggestions)
        ideas += rng.choices(spec.suggestions, k=spec.comments - len(ideas) - 2)
        ideas += demo.GENERAL_COMMENTS
        rng.shuffle(ideas)
        posted = []
        for idea in ideas:
            created_at = between(rng, page.opens_at, end)
            body = rng.choice(demo.OPENERS) + idea.text + rng.choice(demo.CLOSERS)
            posted.append((created_at, idea, body, Comment.Status.PUBLISHED))
        for text in rng.sample(demo.FLAGGED_COMMENTS, FLAGGED.get(spec.slug, 0)):
            posted.append((between(rng, page.opens_at, end), None, text, "hidden"))
        posted.sort(key=lambda item: item[0])
        if page.is_pre_moderated:
            for position in range(-PENDING_ON_PRE_MODERATED, 0):
                created_at, idea, body, _status = posted[position]
                posted[position] = (created_at, idea, body, Comment.Status.PENDING)

        comments, supporters, seen = [], [], Counter()
        for created_at, idea, body, status in posted:
            author = rng.choice(self.residents)
            clause = idea.clause if idea else None
            backers = []
            if status == Comment.Status.PUBLISHED:
                others = [r for r in self.residents if r.pk != author.pk]
                backers = rng.sample(others, rng.choices(*SUPPORTS)[0])
            comments.append(
                Comment(
                    consultation=page,
                    clause_id=clause_ids[clause - 1] if clause else "",
                    author=author,
                    body=body,
                    show_masked_name=rng.random() < 0.2,
                    status=status,
                    support_count=len(backers),
                    flag_count=page.flag_threshold if status == "hidden" else 0,
                    created_at=created_at,
                    due_at=page.reply_due_for(created_at),
                )
            )
            supporters.append(backers)
        bulk_create_dated(Comment, comments)
        self.stats["Comment"]["created"] += len(comments)

        supports, replies, decisions, flags = [], [], [], []
        responder = self.responders.get(spec.unit)
        for comment, backers, (_at, idea, _body, _status) in zip(
            comments, supporters, posted, strict=True
        ):
            for user in backers:
                moment = between(rng, comment.created_at, end)
                supports.append(
                    CommentSupport(comment=comment, user=user, created_at=moment)
                )
            if comment.status == "hidden":
                flags += self.flags_for(rng, comment)
                decisions.append(
                    ModerationDecision(
                        comment=comment,
                        action=ModerationDecision.Action.AUTO_HIDE,
                        reason=f"被{page.flag_threshold}位用户举报，自动隐藏，等待审核。",
                        created_at=comment.created_at + timedelta(hours=5),
                    )
                )
                continue
            if page.is_pre_moderated and comment.status == "published":
                decisions.append(
                    ModerationDecision(
                        comment=comment,
                        moderator=self.moderator,
                        action=ModerationDecision.Action.APPROVE,
                        reason="内容文明理性，与征求意见主题相关。",
                        created_at=comment.created_at + timedelta(hours=3),
                    )
                )
            if comment.status != "published" or responder is None:
                continue
            seen[idea] += 1
            reply = self.reply_for(rng, page, spec, comment, idea, seen[idea])
            if reply is not None:
                reply.responder = responder
                replies.append(reply)
        for model, rows in (
            (CommentSupport, supports),
            (CommentFlag, flags),
            (ModerationDecision, decisions),
            (OfficialReply, replies),
        ):
            fields = ("created_at", "updated_at") if model is OfficialReply else None
            bulk_create_dated(model, rows, fields or ("created_at",))
            self.stats[model.__name__]["created"] += len(rows)

    def flags_for(self, rng, comment):
        others = [r for r in self.residents if r.pk != comment.author_id]
        reasons = [CommentFlag.Reason.SPAM, CommentFlag.Reason.ABUSE]
        reasons.append(CommentFlag.Reason.PRIVACY)
        return [
            CommentFlag(
                comment=comment,
                user=user,
                reason=rng.choice(reasons),
                created_at=comment.created_at + timedelta(hours=1 + position),
            )
            for position, user in enumerate(rng.sample(others, comment.flag_count))
        ]

    def reply_for(self, rng, page, spec, comment, idea, occurrence):
        """The unit's answer to a comment, or None while it waits for one."""
        phase = spec.phase
        if phase == "open" and comment.created_at > self.now - timedelta(days=3):
            return None
        if rng.random() >= ANSWERED[phase]:
            return None
        latest = self.now - timedelta(hours=1)
        if page.results_published_at is not None:
            latest = page.results_published_at - timedelta(days=1)
        elif phase == "open":
            latest = min(latest, comment.created_at + timedelta(days=3))
        earliest = comment.created_at + timedelta(hours=20)
        answered_at = between(rng, earliest, max(earliest, latest))
        opening = rng.choice(demo.REPLY_OPENINGS)
        reply = OfficialReply(
            comment=comment, created_at=answered_at, updated_at=answered_at
        )
        if occurrence > 1 and rng.random() < 0.35:
            reply.outcome = "duplicate"
            reply.body = rng.choice(demo.DUPLICATE_REPLIES)
        elif idea.outcome == demo.NOT_ADOPTED:
            reply.outcome = idea.outcome
            reply.body = opening + demo.NOT_ADOPTED_BODY
            reply.reason = idea.reply
        else:
            reply.outcome = idea.outcome
            reply.body = opening + idea.reply
        return reply

    # -- surveys, reply templates, evaluation ------------------------------------

    def seed_survey_responses(self, page, spec):
        rng = seeded(f"survey:{spec.slug}")
        questions = list(page.survey_questions.all())
        specs = dict(zip([q.prompt for q in spec.survey], spec.survey, strict=True))
        count = SURVEY_RESPONDENTS.get(spec.slug, 15)
        respondents = rng.sample(self.active_residents, count)
        end = min(page.closes_at, self.now - timedelta(hours=2))
        responses = [
            SurveyResponse(
                consultation=page,
                user=user,
                created_at=between(rng, page.opens_at, end),
            )
            for user in respondents
        ]
        bulk_create_dated(SurveyResponse, responses)
        answers = []
        for response in responses:
            for question in questions:
                fields = self.survey_answer(rng, question, specs[question.prompt])
                if fields:
                    answers.append(
                        SurveyAnswer(response=response, question=question, **fields)
                    )
        SurveyAnswer.objects.bulk_create(answers)
        self.stats["SurveyResponse"]["created"] += len(responses)
        self.stats["SurveyAnswer"]["created"] += len(answers)

    @staticmethod
    def survey_answer(rng, question, spec) -> dict | None:
        if question.kind == SurveyQuestion.Kind.RATING:
            return {"rating": rng.choices(range(1, 6), spec.weights)[0]}
        if question.kind == SurveyQuestion.Kind.SINGLE:
            options = range(len(spec.choices))
            return {"choices": rng.choices(options, spec.weights)}
        if question.kind == SurveyQuestion.Kind.MULTIPLE:
            top = max(spec.weights)
            chosen = [
                index
                for index, weight in enumerate(spec.weights)
                if rng.random() < 0.75 * weight / top
            ]
            return {"choices": chosen or [spec.weights.index(top)]}
        if spec.answers and rng.random() < 0.5:
            return {"text": rng.choice(spec.answers)}
        return None

    def seed_reply_templates(self):
        for unit_name in demo.REPLY_TEMPLATE_UNITS:
            unit = self.unit(unit_name)
            for title, outcome, body, reason in demo.REPLY_TEMPLATES:
                values = {"outcome": outcome, "body": body, "reason": reason}
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
        for title, start, length, published in demo.EVALUATION_PERIODS:
            values = {
                "starts_at": self.day(start),
                "ends_at": self.day(start + length),
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
        rng = seeded(f"ratings:{period.title}")
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
