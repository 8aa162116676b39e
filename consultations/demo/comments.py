"""Residents' activity on a demo consultation: comments (some flagged and hidden,
some awaiting pre-moderation), supports, the unit's official replies of every
outcome, and survey answers. Generated once per consultation from random
generators seeded by its slug, so the same text comes back when regenerated."""

from collections import Counter
from datetime import timedelta

from consultations import demo
from consultations.models import (
    Comment,
    CommentFlag,
    CommentSupport,
    ModerationDecision,
    OfficialReply,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from home.demo.seeding import bulk_create_dated, seeded

# Share of published comments answered so far, by phase.
ANSWERED = {"concluded": 1.0, "closed_overdue": 0.55, "closed": 0.45, "open": 0.25}
PENDING_ON_PRE_MODERATED = 5
# How many residents support a comment: (counts, weights).
SUPPORTS = ([0, 1, 2, 3, 5, 8, 13, 20], [30, 20, 15, 10, 10, 7, 5, 3])


def random_for(key: str):
    return seeded("canyu-consultations", key)


def between(rng, start, end):
    """A moment between start and end, more often near either end (as comments
    come in when a consultation opens and just before it closes)."""
    if end <= start:
        return start
    return start + (end - start) * rng.betavariate(0.7, 0.9)


class ResidentActivity:
    """Mixed into ConsultationsDemo, whose people (``residents``, ``moderator``,
    ``responders``), clock (``now``) and ``stats`` it uses."""

    def seed_comments(self, page, spec):
        rng = random_for(f"comments:{spec.slug}")
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
        for text in rng.sample(demo.FLAGGED_COMMENTS, spec.flagged):
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

    def seed_survey_responses(self, page, spec):
        rng = random_for(f"survey:{spec.slug}")
        questions = list(page.survey_questions.all())
        specs = dict(zip([q.prompt for q in spec.survey], spec.survey, strict=True))
        respondents = rng.sample(self.active_residents, spec.survey_respondents)
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
