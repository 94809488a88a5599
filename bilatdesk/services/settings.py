"""Database-wide settings: whether this is the demo, and the post that writes its cables."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilatdesk.domain import DEMO_KEY, Setting
from bilatdesk.domain.cable import PRECEDENCES
from bilatdesk.services.validation import Checker
from bilatdesk.store.database import Database


@dataclass(frozen=True)
class PostSettings:
    """Who "we" are on a cable: FM line, serial prefix and the signature."""

    code: str = "EMB"  # serial prefix, e.g. VIE
    name: str = "Embassy"  # FM line, e.g. "EMBASSY VIENNA"
    head_of_mission: str = ""  # surname signing cables
    capital_desk: str = ""  # usual TO addressee
    state_name: str = "our state"  # our own state, as documents name it
    precedences: tuple[str, ...] = PRECEDENCES  # the national list, lowest first


_POST_KEYS = {
    "code": "post_code",
    "name": "post_name",
    "head_of_mission": "head_of_mission",
    "capital_desk": "capital_desk",
    "state_name": "state_name",
}
_PRECEDENCES_KEY = "precedences"


def is_demo(db: Database) -> bool:
    with db.read() as session:
        return session.scalar(select(Setting.value).where(Setting.key == DEMO_KEY)) == "1"


def post_settings(db: Database) -> PostSettings:
    with db.read() as session:
        return read_post_settings(session)


def read_post_settings(session: Session) -> PostSettings:
    values = dict(session.execute(select(Setting.key, Setting.value)).tuples().all())
    defaults = PostSettings()
    precedences = tuple(p for p in values.get(_PRECEDENCES_KEY, "").split("\n") if p)
    return PostSettings(
        **{field: values.get(key) or getattr(defaults, field) for field, key in _POST_KEYS.items()},
        precedences=precedences or defaults.precedences,
    )


def save_post_settings(db: Database, settings: PostSettings) -> PostSettings:
    check = Checker()
    code = check.text("code", "Post code", settings.code, required=True, max_length=20).upper()
    if code and not code.replace("-", "").isalnum():
        check.fail("code", "The post code is letters and digits, such as VIE.")
    clean = PostSettings(
        code=code,
        name=check.text("name", "Post name", settings.name, required=True, max_length=200),
        head_of_mission=check.text(
            "head_of_mission", "Head of mission", settings.head_of_mission, max_length=100
        ),
        capital_desk=check.text(
            "capital_desk", "Capital desk", settings.capital_desk, max_length=300
        ),
    )
    check.raise_if_any()
    with db.session() as session:
        for field, key in _POST_KEYS.items():
            row = session.get(Setting, key) or Setting(key=key)
            row.value = getattr(clean, field)
            session.add(row)
        row = session.get(Setting, _PRECEDENCES_KEY) or Setting(key=_PRECEDENCES_KEY)
        row.value = "\n".join(clean.precedences)
        session.add(row)
    return clean


def _checked_precedences(check: Checker, values: tuple[str, ...]) -> tuple[str, ...]:
    """Upper-case, unique, at most 30 characters each, and at least one."""
    cleaned = tuple(dict.fromkeys(v.strip().upper() for v in values if v.strip()))
    if not cleaned:
        check.fail("precedences", "Give at least one precedence, such as ROUTINE.")
    for value in cleaned:
        if len(value) > 30 or check.text("precedences", "A precedence", value) != value:
            check.fail("precedences", f"'{value[:40]}' is not a usable precedence.")
    return cleaned
