"""The benchmark's data: the same calendars for both modules, a pure function of (index, anchor date).

Event `n` of a calendar is always the same event: single or weekly recurring, timed or
all-day, with guests, reminders, a description and sometimes a location. The anchor is a
date (the run's day by default) because Odoo's module only lists a window of a year around
"now" (`google_calendar.sync.range_days`), so fixed dates far from today would be filtered
out on one side and not on the other.

Shapes, by index:
- every 10th event (n % 10 == 9) recurs weekly, 10 occurrences, in Europe/Brussels;
- every 7th of the others is all-day;
- two of three have 2 to 4 guests from a pool of 40 outside addresses, each with an answer;
- even events override the reminders (a popup and an email), odd ones use the defaults.
"""

import datetime

ZONE = "Europe/Brussels"
GUEST_POOL = 40
RESPONSES = ("accepted", "needsAction", "tentative", "declined")
WEEKDAY_FIELDS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def guest_email(k):
    return "guest%02d@example.org" % (k % GUEST_POOL)


def anchor_for(today=None):
    """Day 0 of the data: tomorrow, so every event is in the future and inside Odoo's window."""
    today = today or datetime.datetime.now(datetime.UTC).date()
    return today + datetime.timedelta(days=1)


def is_recurring(n):
    return n % 10 == 9


def is_allday(n):
    return not is_recurring(n) and n % 7 == 3


def start_of(n, anchor):
    """Naive UTC start of event n: spread over 300 days, between 08:00 and 16:45."""
    day = datetime.datetime.combine(anchor, datetime.time(8)) + datetime.timedelta(days=n % 300)
    return day + datetime.timedelta(hours=n % 9, minutes=15 * (n % 4))


def guests_of(n):
    """(email, answer) of the guests of event n; empty for one event in three."""
    if n % 3 == 0:
        return []
    return [(guest_email(7 * n + k), RESPONSES[(n + k) % 4]) for k in range(2 + n % 3)]


def reminders_of(n):
    """(method, minutes) overrides, or None for the calendar's defaults."""
    if n % 2:
        return None
    return [("popup", 10 + 5 * (n % 3)), ("email", 60)]


def _rfc3339(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def google_event(n, owner_email, anchor, prefix="Bench event"):
    """Event n as a Google Calendar v3 body (for seeding the emulator)."""
    start = start_of(n, anchor)
    body = {"summary": "%s %d" % (prefix, n), "description": "Agenda of meeting %d: review, plan, decide." % n}
    if is_allday(n):
        body["start"] = {"date": start.date().isoformat()}
        body["end"] = {"date": (start.date() + datetime.timedelta(days=1)).isoformat()}
    else:
        end = start + datetime.timedelta(minutes=30 + 30 * (n % 3))
        body["start"] = {"dateTime": _rfc3339(start), "timeZone": ZONE}
        body["end"] = {"dateTime": _rfc3339(end), "timeZone": ZONE}
    if is_recurring(n):
        body["recurrence"] = ["RRULE:FREQ=WEEKLY;COUNT=10"]
    if n % 4 == 0:
        body["location"] = "Room %d" % (n % 12)
    guests = guests_of(n)
    if guests:
        body["attendees"] = [{"email": owner_email, "responseStatus": "accepted"}] + [
            {"email": email, "responseStatus": answer} for email, answer in guests
        ]
    reminders = reminders_of(n)
    body["reminders"] = (
        {"useDefault": True}
        if reminders is None
        else {"useDefault": False, "overrides": [{"method": m, "minutes": v} for m, v in reminders]}
    )
    return body


def google_events(count, owner_email, anchor, first=0, prefix="Bench event"):
    return [google_event(n, owner_email, anchor, prefix) for n in range(first, first + count)]


def odoo_event_values(n, anchor, owner_partner_id, guest_partner_ids, alarm_ids, prefix="Local event"):
    """Event n as calendar.event create values, the way a user would fill the form.

    :param guest_partner_ids: {email: partner id} for the guest pool
    :param alarm_ids: {(method, minutes): calendar.alarm id}
    """
    start = start_of(n, anchor)
    values = {
        "name": "%s %d" % (prefix, n),
        "description": "<p>Agenda of meeting %d.</p>" % n,
        "start": start,
        "stop": start + datetime.timedelta(minutes=30 + 30 * (n % 3)),
    }
    if is_allday(n):
        values.update(allday=True, start=start.replace(hour=8, minute=0), stop=start.replace(hour=18, minute=0))
    if is_recurring(n):
        values.update(
            recurrency=True,
            rrule_type="weekly",
            interval=1,
            end_type="count",
            count=10,
            event_tz=ZONE,
            **{WEEKDAY_FIELDS[start.weekday()]: True},
        )
    if n % 4 == 0:
        values["location"] = "Room %d" % (n % 12)
    partners = [owner_partner_id] + [guest_partner_ids[email] for email, _answer in guests_of(n)]
    values["partner_ids"] = [(6, 0, partners)]
    reminders = reminders_of(n) or []
    values["alarm_ids"] = [(6, 0, [alarm_ids[r] for r in reminders if r in alarm_ids])]
    return values


def reminder_kinds():
    """Every (method, minutes) the data uses, so the alarms can be created before timing."""
    kinds = set()
    for n in range(6):
        kinds.update(reminders_of(n) or [])
    return sorted(kinds)


def changed_indexes(count, changes, offset=0):
    """`changes` indexes of single (non-recurring, timed) events among the first `count`, from `offset` on."""
    picked = [n for n in range(count) if not is_recurring(n) and not is_allday(n)]
    return picked[offset : offset + changes]
