"""Property: for random RRULE/EXDATE/RDATE combinations in random time zones, the occurrences the
addon would create are Google's instances (issue 14).

The addon lays a series out from `occurrences` (core/calendar/mapping_recurrence.py): a series
Odoo's rule cannot express is held one occurrence per start it returns (held_series.py), and one
Odoo lays out itself must match it (series.check_expansion). Google's instances are read from the
emulator's events.instances over HTTP, as a client would.
"""

import datetime
import zoneinfo

import pytest
import requests
from google_emulator import scopes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from google_calendar_sync.core.calendar.mapping import from_google, occurrences

UTC = datetime.UTC
ALICE = "alice@example.com"
# Zones with daylight saving north and south, a half-hour shift, none at all, and one that
# changed its rules: each moves a 10:00 meeting differently in UTC.
ZONES = (
    "Europe/Brussels",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "UTC",
)
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@st.composite
def series(draw):
    """(Google event body, its expected kind) for a random series."""
    zone_name = draw(st.sampled_from(ZONES))
    all_day = draw(st.booleans())
    first = datetime.date(2026, 1, 1) + datetime.timedelta(days=draw(st.integers(0, 365 * 14)))
    clock = datetime.time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 30])))
    lines = []
    if draw(st.integers(0, 5)):  # mostly a rule; sometimes dates alone
        freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
        parts = ["FREQ=" + freq, "INTERVAL=%d" % draw(st.integers(1, 3))]
        if freq == "WEEKLY" and draw(st.booleans()):
            parts.append(
                "BYDAY=" + ",".join(draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True)))
            )
        if freq == "MONTHLY":
            shape = draw(st.sampled_from(["plain", "monthday", "last", "setpos"]))
            if shape == "monthday":
                parts.append(
                    "BYMONTHDAY="
                    + ",".join(map(str, draw(st.lists(st.integers(1, 28), min_size=1, max_size=2, unique=True))))
                )
            elif shape == "last":
                parts.append("BYMONTHDAY=-1")
            elif shape == "setpos":
                days = draw(st.lists(st.sampled_from(DAYS[:5]), min_size=1, max_size=5, unique=True))
                parts += ["BYDAY=" + ",".join(days), "BYSETPOS=%d" % draw(st.sampled_from([1, 2, -1]))]
        if draw(st.booleans()):
            parts.append("COUNT=%d" % draw(st.integers(1, 15)))
        else:
            until = first + datetime.timedelta(days=draw(st.integers(0, 400)))
            parts.append("UNTIL=" + until.strftime("%Y%m%d"))
        lines.append("RRULE:" + ";".join(parts))
    offsets = draw(st.lists(st.integers(1, 200), max_size=3, unique=True))
    extra = draw(st.lists(st.integers(1, 200), max_size=3, unique=True))
    if not lines and not extra:
        extra = [7]
    for name, days in (("EXDATE", offsets), ("RDATE", extra)):
        if not days:
            continue
        moments = [first + datetime.timedelta(days=n) for n in days]
        if all_day:
            lines.append("%s;VALUE=DATE:%s" % (name, ",".join(d.strftime("%Y%m%d") for d in moments)))
        else:
            stamps = ",".join(datetime.datetime.combine(d, clock).strftime("%Y%m%dT%H%M%S") for d in moments)
            lines.append("%s;TZID=%s:%s" % (name, zone_name, stamps))
    if all_day:
        start = {"date": first.isoformat()}
        end = {"date": (first + datetime.timedelta(days=1)).isoformat()}
    else:
        local = datetime.datetime.combine(first, clock, zoneinfo.ZoneInfo(zone_name))
        start = {"dateTime": local.isoformat(), "timeZone": zone_name}
        end = {"dateTime": (local + datetime.timedelta(hours=1)).isoformat(), "timeZone": zone_name}
    return {"summary": "Series", "start": start, "end": end, "recurrence": lines}


@pytest.fixture
def calendar(google, emulator):
    google.add_account(ALICE, time_zone="Europe/Brussels")
    token = google.issue_tokens(ALICE, "client-1", [scopes.CALENDAR])["access_token"]
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token
    return session, emulator.url + "/calendar/v3/calendars/primary/events"


def google_instances(session, url, event_id):
    """Original starts of Google's instances: dates, or aware UTC datetimes."""
    found, params = [], {"maxResults": 2500}
    while True:
        page = session.get("%s/%s/instances" % (url, event_id), params=params, timeout=30).json()
        for item in page["items"]:
            original = item["originalStartTime"]
            if "date" in original:
                found.append(datetime.date.fromisoformat(original["date"]))
            else:
                found.append(datetime.datetime.fromisoformat(original["dateTime"]).astimezone(UTC))
        if "nextPageToken" not in page:
            return found
        params["pageToken"] = page["nextPageToken"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=series())
def test_the_addons_occurrences_are_googles_instances(calendar, body):
    session, url = calendar
    response = session.post(url, json=body, timeout=30)
    assert response.status_code == 200, (body, response.text)
    made = response.json()
    event = from_google(made).event
    start = event.start_date if event.all_day else event.start

    ours = occurrences(event.recurrence, start, event.time_zone, limit=2000)

    assert ours == google_instances(session, url, made["id"]), body
