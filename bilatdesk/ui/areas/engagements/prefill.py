"""Quick entry: a new engagement started from a person's or a country's page comes filled in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bilatdesk.domain.enums import EngagementKind, Side
from bilatdesk.services.catalog import Services
from bilatdesk.services.engagements.defaults import next_working_day
from bilatdesk.services.engagements.service import ParticipantInput
from bilatdesk.ui.kit.formatting import local_zone_name
from bilatdesk.ui.kit.texts import tr

MEETING_HOUR = time(10, 0)
"""Ministries receive in the morning; ten o'clock local is the usual first proposal."""


@dataclass(frozen=True)
class EngagementPrefill:
    """What a new engagement form starts with; empty fields keep the form's own defaults."""

    title: str = ""
    kind: EngagementKind | None = None
    country_id: int | None = None
    place: str = ""
    time_zone: str = ""
    starts_at: datetime | None = None
    """Timezone-aware; shown in `time_zone`."""
    participants: tuple[ParticipantInput, ...] = ()
    """With names filled in, so the form shows whom they link."""


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _country_defaults(
    services: Services, country_id: int | None, now: datetime | None
) -> tuple[str, str, datetime]:
    """(capital, zone, start): the next working day there at ten, local time."""
    capital, code, zone_name = "", "", ""
    if country_id is not None:
        country = services.countries.get(country_id).data
        capital, code = country.capital, country.iso_code
        zone_name = services.engagements.usual_time_zone(country_id) or ""
    zone_name = zone_name or local_zone_name()
    zone = _zone(zone_name)
    there = (now or datetime.now(UTC)).astimezone(zone)
    day = next_working_day(there.date(), code)
    start = datetime.combine(day, MEETING_HOUR, tzinfo=zone).astimezone(UTC)
    return capital, zone_name, start


def prefill_for_person(
    services: Services, person_id: int, *, now: datetime | None = None
) -> EngagementPrefill:
    """A courtesy call on the person: them on their side in their current post, in their
    country's capital, on the next working day there at ten."""
    person = services.people.get(person_id)
    posts = [m.post_title for m in person.memberships if m.current]
    role = posts[0] if posts else ""
    country_id = person.data.country_id
    capital, zone_name, start = _country_defaults(services, country_id, now)
    honorific = person.data.honorific
    name = person.display_name
    addressed = f"{honorific} {name}" if honorific else name
    return EngagementPrefill(
        title=tr("Courtesy call on %1").replace("%1", addressed),
        kind=EngagementKind.COURTESY_CALL,
        country_id=country_id,
        place=capital,
        time_zone=zone_name,
        starts_at=start,
        participants=(ParticipantInput(person_id, name, Side.THEIRS, role),),
    )


def prefill_for_country(
    services: Services, country_id: int, *, now: datetime | None = None
) -> EngagementPrefill:
    """A meeting in the country: its capital as the place, its zone, next working day at ten."""
    capital, zone_name, start = _country_defaults(services, country_id, now)
    return EngagementPrefill(
        kind=EngagementKind.BILATERAL_MEETING,
        country_id=country_id,
        place=capital,
        time_zone=zone_name,
        starts_at=start,
    )
