"""One demo request's life, decided by a seeded generator from its age: the
request row in its final state and the rows of its history (events, replies,
ratings, escalations), unsaved. The loader numbers and saves them."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

from ..models import Escalation, Rating, Reply, Request, RequestEvent

Status = Request.Status
Kind = RequestEvent.Kind
GRADES = [("satisfied", 74), ("fairly", 17), ("dissatisfied", 9)]
PHONE_SHARE = 0.22


@dataclass
class Case:
    request: Request
    events: list = field(default_factory=list)
    replies: list = field(default_factory=list)
    ratings: list = field(default_factory=list)
    escalations: list = field(default_factory=list)

    def step(self, kind, at, *, actor=None, unit_id=None, text="", **params):
        """As the services' ``record``: a person's words in ``text``, the
        platform's as ``params`` translated when shown (never a sentence)."""
        self.events.append(
            RequestEvent(
                kind=kind,
                actor=actor,
                unit_id=unit_id,
                text=text,
                params=params,
                created_at=at,
            )
        )


def _fill(template: str, rng, data, community) -> str:
    roads = data["roads"]
    return template.format(
        community=community,
        building=rng.randint(1, 36),
        road=rng.choice(roads),
        road2=rng.choice(roads),
        number=rng.randint(1, 300),
    )


def _final_state(rng, age_days: float) -> str:
    if age_days > 12:
        return "closed"
    if age_days > 4:
        return rng.choices(["closed", "replied", "in_progress"], [45, 40, 15])[0]
    return rng.choices(
        ["submitted", "accepted", "in_progress", "waiting", "sent_back", "replied"],
        [30, 22, 28, 6, 4, 10],
    )[0]


def build_case(
    *,
    rng,
    data,
    number,
    now,
    created,
    category,
    district,
    unit_id,
    platform_id,
    handlers,
    resident,
    operator,
    dispatcher,
    limit,
    deadline,
):
    """The case, or None when no unit takes this category in this district."""
    if unit_id is None:
        return None
    place_template, description, answer = rng.choice(data["cases"][category.slug])
    community = rng.choice(data["communities"][district.name])
    by_phone = resident is None or rng.random() < PHONE_SHARE
    request = Request(
        channel=Request.Channel.PHONE if by_phone else Request.Channel.SITE,
        resident=None if by_phone else resident,
        caller_name="" if not by_phone else rng.choice(["刘女士", "陈先生", "杨阿姨"]),
        caller_phone="" if not by_phone else f"+86139{rng.randint(0, 99999999):08d}",
        entered_by=operator if by_phone else None,
        category=category,
        district=district,
        community=community,
        place=_fill(place_template, rng, data, community),
        description=description,
        contact_preference="phone" if by_phone else "site",
        is_public=rng.random() < 0.6,
        tier=category.default_tier,
        handling_unit_id=unit_id,
        created_at=created,
        accept_due_at=deadline(created, limit.accept_amount, limit.accept_measure),
        resolve_due_at=deadline(created, limit.resolve_amount, limit.resolve_measure),
    )
    case = Case(request)
    who = operator if by_phone else request.resident
    case.step(Kind.ENTERED if by_phone else Kind.SUBMITTED, created, actor=who)
    case.step(
        Kind.ROUTED,
        created,
        unit_id=unit_id,
        note=gettext_noop("Routed by the rules to %(unit)s."),
    )
    age_days = (now - created).total_seconds() / 86400
    final = _final_state(rng, age_days)
    handler = handlers.get(unit_id)
    if final == "sent_back":
        request.status, request.sent_back_once = Status.SENT_BACK, True
        case.step(
            Kind.SENT_BACK,
            created + datetime.timedelta(hours=2),
            actor=handler,
            unit_id=unit_id,
            text="该事项不属于本单位职责，建议转属地街道办理。",
        )
        return case
    if final == "submitted":
        _escalate_if_overdue(case, now, request.accept_due_at)
        return case
    span = request.accept_due_at - created
    accepted = created + span * rng.uniform(0.05, 0.9)
    request.accepted_at = accepted
    case.step(Kind.ACCEPTED, accepted, actor=handler, unit_id=unit_id)
    request.status = Status.ACCEPTED
    if final == "accepted":
        return case
    started = accepted + datetime.timedelta(hours=rng.uniform(0.2, 6))
    case.step(Kind.STARTED, min(started, now), actor=handler, unit_id=unit_id)
    request.status = Status.IN_PROGRESS
    if final in ("in_progress", "waiting"):
        if final == "waiting":
            request.status, request.paused_at = Status.WAITING, min(started, now)
            case.step(
                Kind.PAUSED,
                request.paused_at,
                actor=handler,
                unit_id=unit_id,
                text="请补充具体位置照片，以便安排现场处理。",
            )
        else:
            _escalate_if_overdue(case, now, request.resolve_due_at)
        return case
    work = request.resolve_due_at - created
    replied = created + work * rng.choices([0.3, 0.6, 0.9, 1.25], [35, 35, 20, 10])[0]
    replied = min(replied, now - datetime.timedelta(hours=1))
    _reply(case, replied, handler, unit_id, answer, round_=1)
    if final == "replied" or (now - replied).days < 1:
        return case
    _close(case, rng, now, replied, handler, unit_id, platform_id, handlers, operator)
    return case


def _reply(case, at, handler, unit_id, answer, *, round_):
    request = case.request
    request.status, request.replied_at = Status.REPLIED, at
    case.replies.append(
        Reply(
            round=round_,
            unit_id=unit_id,
            author=handler,
            body=answer,
            created_at=at,
            due_at=request.resolve_due_at,
            on_time=at <= request.resolve_due_at,
        )
    )
    case.step(Kind.REPLIED, at, actor=handler, unit_id=unit_id)


def _close(case, rng, now, replied, handler, unit_id, platform_id, handlers, operator):
    request = case.request
    if rng.random() < 0.15:
        closed = replied + datetime.timedelta(days=7, hours=1)
        if closed > now:
            return
        request.status, request.closed_at = Status.CLOSED, closed
        request.close_reason = Request.CloseReason.AUTO
        case.step(Kind.AUTO_CLOSED, closed)
        return
    grade = rng.choices([g for g, _w in GRADES], [w for _g, w in GRADES])[0]
    rated = replied + datetime.timedelta(hours=rng.uniform(2, 60))
    rated = min(rated, now)
    follow_up = request.resident is None
    rater = operator if follow_up else request.resident
    case.ratings.append(
        Rating(
            round=1,
            grade=grade,
            comment="" if grade == "satisfied" else "处理速度还可以再快一些。",
            unit_id=unit_id,
            rated_by=rater,
            by_follow_up=follow_up,
            created_at=rated,
        )
    )
    case.step(
        Kind.FOLLOW_UP if follow_up else Kind.RATED,
        rated,
        actor=rater,
        text=case.ratings[-1].comment,
        grade=grade,
    )
    if grade == "dissatisfied" and platform_id:
        request.round, request.reopened_once = 2, True
        if platform_id != unit_id:
            request.handling_unit_id = platform_id
            case.step(
                Kind.REOPENED,
                rated,
                unit_id=platform_id,
                note=gettext_noop(
                    "Reopened after 不满意; now with the supervisor %(unit)s."
                ),
            )
        else:  # the platform's own answer: the dispatchers choose another unit
            case.step(
                Kind.REOPENED,
                rated,
                note=gettext_noop(
                    "Reopened after 不满意; the dispatchers choose a unit other "
                    "than the one that answered."
                ),
            )
            platform_id = rng.choice(sorted(u for u in handlers if u != unit_id))
            request.handling_unit_id = platform_id
            case.step(
                Kind.REASSIGNED,
                rated + datetime.timedelta(hours=2),
                actor=operator,
                unit_id=platform_id,
                text="区级平台已答复，群众不满意，另派单位办理。",
            )
        supervisor = handlers.get(platform_id)
        second = rated + datetime.timedelta(days=rng.uniform(1, 4))
        if second > now:
            request.status = Status.SUBMITTED
            return
        _reply(case, second, supervisor, platform_id, "督办后已重新处理。", round_=2)
        rated = second + datetime.timedelta(hours=6)
        case.ratings.append(
            Rating(
                round=2,
                grade="satisfied",
                unit_id=platform_id,
                rated_by=rater,
                by_follow_up=follow_up,
                created_at=rated,
            )
        )
        case.step(Kind.RATED, rated, actor=rater, grade="satisfied")
    request.status, request.closed_at = Status.CLOSED, rated
    request.close_reason = (
        Request.CloseReason.FOLLOW_UP if follow_up else Request.CloseReason.RATED
    )
    case.step(Kind.CLOSED, rated, actor=rater)


def _escalate_if_overdue(case, now, due):
    if due is None or due >= now:
        return
    case.escalations.append(
        Escalation(
            level=Escalation.Level.DISTRICT,
            unit_id=case.request.handling_unit_id,
            created_at=due + datetime.timedelta(minutes=5),
        )
    )
    case.step(
        Kind.ESCALATED,
        due + datetime.timedelta(minutes=5),
        level=Escalation.Level.DISTRICT.value,
    )
