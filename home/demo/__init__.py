"""The demo site: its content in ``data/*.json``, the code that writes it beside.

``manage.py seed_demo`` (``make seed``, run by ``make run``) loads the whole demo:
``site.py`` here (districts, units, people, pages, site settings), then through
their commands the consultations (``consultations/demo/``), the volunteering and
points (``volunteers/demo/``), this package's ``facilities.py`` and
``pledges.py``, and residents' feedback on the pledges
(``consultations/demo/pledge_feedback.py``). Each loader is idempotent: a second
run changes nothing.

The data files hold only content (names, texts, counts); the loaders decide how
it is stored, when things happened and who did them. The unit lists in
``data/units.json`` are append-only: a unit's slug is its kind and its position
in the list, so inserting into the middle of a list would move slugs between units.
"""

from home.demo.seeding import read_data

_ACCOUNTS = read_data(__file__, "accounts")
_NAMES = read_data(__file__, "names")

DEMO_EMAIL_DOMAIN = _ACCOUNTS["email_domain"]
# Published on purpose (printed by `make run`), as is a fixed TOTP secret (base32,
# 20 bytes) for the demo admin that a person can add to an authenticator app.
# Never use either on a real deployment: seed_demo refuses to run without DEBUG.
DEMO_PASSWORD = _ACCOUNTS["password"]
DEMO_TOTP_SECRET = _ACCOUNTS["totp_secret"]
# Residents' display names: real names and the nicknames people choose.
RESIDENT_NAMES = _ACCOUNTS["residents"]
# Chinese names for contact people and members (surname + given name).
SURNAMES = _NAMES["surnames"]
GIVEN_NAMES = _NAMES["given_names"]
MOBILE_PREFIXES = _NAMES["mobile_prefixes"]


def resident_emails() -> list[str]:
    """resident01@… resident30@…, the demo residents' logins."""
    count = len(RESIDENT_NAMES)
    return [f"resident{n:02d}@{DEMO_EMAIL_DOMAIN}" for n in range(1, count + 1)]


def chinese_name(rng) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)
