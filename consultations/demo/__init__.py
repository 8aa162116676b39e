"""The consultations' demo: its content in ``data/*.json`` (titles, clauses,
residents' suggestions and the departments' answers, reply templates, public
evaluation), loaded by ``loader.py`` (``manage.py seed_consultations``, run by
``seed_demo``), which decides how it is stored and when things happened; and
residents' feedback on the demo pledges with the units' replies
(``data/pledge_feedback.json``), loaded by ``pledge_feedback.py`` (``manage.py
seed_pledge_feedback``, run by ``seed_demo`` right after ``seed_pledges``).

Every consultation is keyed on its slug; a suggestion is written once and posted,
in different words around it, by several residents, as happens on real platforms —
which is also where "duplicate" answers come from."""

from typing import NamedTuple

from home.demo.seeding import read_data

NOT_ADOPTED = "not_adopted"


class Suggestion(NamedTuple):
    clause: int | None  # 1-based clause number; None for the whole text
    outcome: str  # how the department answers it
    text: str
    reply: str  # the answer; for "not adopted", the reason


class Question(NamedTuple):
    kind: str
    prompt: str
    choices: tuple[str, ...] = ()
    required: bool = True
    weights: tuple[int, ...] = ()  # how the demo residents tend to answer
    answers: tuple[str, ...] = ()  # what they write (free-text questions)


class DemoConsultation(NamedTuple):
    slug: str
    title: str
    unit: str
    topic: str  # Topic slug
    district: str | None  # District name; None for city-wide
    phase: str
    # Days from today: opens, closes, replies_due, results_published (or None).
    days: dict
    summary: str
    clauses: list[tuple[str, str]]  # (heading, text); numbered 第一条 …
    suggestions: list[Suggestion]
    comments: int = 0
    flagged: int = 0  # comments other residents flag, hidden pending review
    survey_respondents: int = 15
    moderation: str = "post"
    results_summary: str = ""
    survey: tuple[Question, ...] = ()


def _question(row: dict) -> Question:
    lists = {f: tuple(row[f]) for f in ("choices", "weights", "answers") if f in row}
    return Question(**{**row, **lists})


def _consultation(row: dict) -> DemoConsultation:
    return DemoConsultation(
        **{
            **row,
            "clauses": [(c["heading"], c["text"]) for c in row["clauses"]],
            "suggestions": [Suggestion(**s) for s in row["suggestions"]],
            "survey": tuple(_question(q) for q in row.get("survey", ())),
        }
    )


_CONSULTATIONS = read_data(__file__, "consultations")
INDEX = _CONSULTATIONS["index"]
CONSULTATIONS = [_consultation(row) for row in _CONSULTATIONS["consultations"]]

_COMMENTS = read_data(__file__, "comments")
# Words residents put around a suggestion, so that the same idea reads differently.
OPENERS = _COMMENTS["openers"]
CLOSERS = _COMMENTS["closers"]
# Whole-text comments that need no suggestion of their own.
GENERAL_COMMENTS = [Suggestion(**s) for s in _COMMENTS["general_comments"]]
# Comments that other residents flag and the platform hides pending review.
FLAGGED_COMMENTS = _COMMENTS["flagged_comments"]

_REPLIES = read_data(__file__, "replies")
REPLY_OPENINGS = _REPLIES["openings"]
NOT_ADOPTED_BODY = _REPLIES["not_adopted_body"]
DUPLICATE_REPLIES = _REPLIES["duplicates"]
# Saved replies ({title, outcome, body, reason}) for each of these units.
REPLY_TEMPLATES = _REPLIES["templates"]
REPLY_TEMPLATE_UNITS = _REPLIES["template_units"]

_PLEDGE_FEEDBACK = read_data(__file__, "pledge_feedback")
# Residents' feedback on a pledge's commitments ({kind, body}) and the units'
# replies to it ({outcome, body}).
PLEDGE_COMMENTS = _PLEDGE_FEEDBACK["comments"]
PLEDGE_REPLIES = _PLEDGE_FEEDBACK["replies"]

_EVALUATIONS = read_data(__file__, "evaluations")
EVALUATION_UNITS = _EVALUATIONS["units"]
# {title, starts (days from today), days (it lasts), scorecards_published}
EVALUATION_PERIODS = _EVALUATIONS["periods"]
RATING_COMMENTS = {int(k): v for k, v in _EVALUATIONS["rating_comments"].items()}
# How often each score (1 … 5) is given, by unit (others use the default).
RATING_WEIGHTS = _EVALUATIONS["rating_weights"]

CHINESE_NUMBERS = "一二三四五六七八九十"


def clause_number(position: int) -> str:
    """第一条 … 第十二条 for 1 … 12."""
    if position <= 10:
        return f"第{CHINESE_NUMBERS[position - 1]}条"
    return f"第十{CHINESE_NUMBERS[position - 11]}条"
