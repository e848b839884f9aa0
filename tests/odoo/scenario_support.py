"""Readers for the scenario test: both sides of the sync reduced to plain rows a table can state.

Google is read over HTTP, never through the code under test: the control interface's dump
(what a calendar stores: single events, series masters and their exceptions, as its owner
sees them) and the Calendar API's `singleEvents` listing (every instance a user sees,
series expanded), with a token of the calendar's owner. Odoo is read through the ORM.

Times become text in UTC ("2031-04-08 13:00") and all-day days stay dates ("2031-04-10"),
so an expected table reads like a calendar and a zone mistake shows as a different hour.
"""

import collections
import datetime

import requests
from common import CALENDAR_SCOPE, CLIENT_ID

UTC = datetime.UTC


def at(text):
    """A naive UTC datetime from "YYYY-MM-DD HH:MM", as Odoo stores event times."""
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M")


def _minutes(value):
    return value.strftime("%Y-%m-%d %H:%M")


def google_time(value):
    """An EventDateTime as text: the date of an all-day bound, else the UTC minute."""
    if "date" in value:
        return value["date"]
    moment = datetime.datetime.fromisoformat(value["dateTime"].replace("Z", "+00:00"))
    return _minutes(moment.astimezone(UTC))


def answers(pairs):
    return tuple(sorted((email.lower(), state) for email, state in pairs))


def google_answers(event):
    return answers((a["email"], a.get("responseStatus", "needsAction")) for a in event.get("attendees") or [])


def google_kind(event):
    """What a stored record is: a single event, a series, or an exception named by its original start."""
    if event.get("recurrence"):
        return "series"
    if event.get("recurringEventId"):
        return "exception of " + google_time(event["originalStartTime"])
    return "single"


def stored_row(event):
    return (
        google_kind(event),
        event.get("summary", ""),
        google_time(event["start"]),
        google_time(event["end"]),
        google_answers(event),
    )


def instance_row(event):
    return (event.get("summary", ""), google_time(event["start"]), google_time(event["end"]), google_answers(event))


def odoo_row(event):
    """(name, start, stop, organizer login, answers); an all-day event shows its first and last day."""
    if event.allday:
        start, stop = str(event.start_date), str(event.stop_date)
    else:
        start, stop = _minutes(event.start), _minutes(event.stop)
    return (
        event.name,
        start,
        stop,
        event.user_id.login,
        answers((a.partner_id.email, a.state) for a in event.attendee_ids),
    )


def duplicates(rows):
    """Rows present more than once: a table compared as a sorted list already fails on them,
    this says which."""
    return [row for row, count in collections.Counter(rows).items() if count > 1]


class GoogleReader:
    """Reads what each emulated calendar holds.

    :param emulator: the running Emulator (its `url`)
    :param control: the EmulatorControl client
    """

    def __init__(self, emulator, control):
        self.url = emulator.url
        self.control = control
        self.tokens = {}

    def stored(self, email):
        """The calendar's live stored records (cancelled ones left out), as rows."""
        return sorted(stored_row(e) for e in self.control.dump_events(email, include_deleted=False))

    def stored_events(self, email):
        return self.control.dump_events(email, include_deleted=False)

    def instances(self, email):
        """Every event the owner sees in a list view, recurring series expanded, as rows."""
        if email not in self.tokens:
            self.tokens[email] = self.control.issue_tokens(email, CLIENT_ID, [CALENDAR_SCOPE])["access_token"]
        found, page = [], None
        while True:
            params = {"singleEvents": "true", "maxResults": 2500, **({"pageToken": page} if page else {})}
            response = requests.get(
                self.url + "/calendar/v3/calendars/primary/events",
                params=params,
                headers={"Authorization": "Bearer " + self.tokens[email]},
                timeout=10,
            )
            response.raise_for_status()
            body = response.json()
            found.extend(instance_row(e) for e in body.get("items", []))
            page = body.get("nextPageToken")
            if not page:
                return sorted(found)
