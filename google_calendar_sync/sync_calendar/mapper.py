"""Between calendar.event records and the core's Event values: the mapper of the Odoo side.

`event_from_record` reads what the sync compares and sends; `values_from_event` builds the
create/write values that apply a Google event, with the partners (by email) and the alarms
(by type and delay) it needs found or created by `Lookups` (lookups.py). The store calls these; nothing
here talks to Google.
"""

import datetime

from odoo import Command

from ..core.calendar.mapping import google_to_html, html_to_google
from ..core.calendar.model import Attendee, Event, Reminder

UTC = datetime.UTC
ALARM_TO_GOOGLE = {"notification": "popup", "email": "email"}
GOOGLE_TO_ALARM = {method: alarm_type for alarm_type, method in ALARM_TO_GOOGLE.items()}
# Odoo keeps an all-day event between 08:00 and 18:00 of naive days, never through a zone,
# which is what keeps it on the same days for everyone.
ALLDAY_START, ALLDAY_STOP = datetime.time(8), datetime.time(18)
NO_TITLE = "(No title)"


def aware(value):
    """A naive UTC datetime (Odoo's) as an aware one (the core's)."""
    return value.replace(tzinfo=UTC) if value else None


def _naive(value):
    return value.astimezone(UTC).replace(tzinfo=None)


def record_time_zone(record):
    """The zone the event is written in on Google: the series' zone, else the one Google had."""
    return record.event_tz or record.google_time_zone or None


def record_attendees(record):
    """Guests as Google holds them. An event whose only guest is its organizer has none on
    Google (Odoo adds the organizer to every event it creates), so both sides compare equal."""
    attendees = [
        Attendee(
            email=(a.partner_id.email or "").strip(), name=a.partner_id.name or "", response=a.state or "needsAction"
        )
        for a in record.attendee_ids
        if "@" in (a.partner_id.email or "")
    ]
    if len(attendees) == 1 and record.attendee_ids.partner_id == record.user_id.partner_id:
        return []
    return attendees


def event_from_record(record, organizer_email):
    """The core Event of a calendar.event.

    :param record: a calendar.event (read with the syncing user's rights)
    :param organizer_email: the organizer's Google address, which Google reports back
    """
    event = Event(
        local_id=str(record.id),
        summary=record.name or "",
        description=html_to_google(record.description or ""),
        location=record.location or "",
        time_zone=record_time_zone(record),
        attendees=record_attendees(record),
        organizer_email=organizer_email or "",
        visibility=record.privacy or "default",
        busy=record.show_as != "free",
        video_url=record.videocall_location or "",
    )
    if record.allday:
        event.all_day = True
        event.start_date = record.start_date or record.start.date()
        event.end_date = record.stop_date or record.stop.date()
    else:
        event.start, event.end = aware(record.start), aware(record.stop)
    alarms = sorted(
        {
            Reminder(ALARM_TO_GOOGLE[a.alarm_type], a.duration_minutes)
            for a in record.alarm_ids
            if a.alarm_type in ALARM_TO_GOOGLE
        },
        key=Reminder.sort_key,
    )
    # Imported with the calendar's defaults and still holding them: Google keeps `useDefault`,
    # so an unchanged event changes nothing there. Any other set is sent as overrides.
    if record.google_reminders_default and reminders_key(alarms) == (record.google_default_reminders or ""):
        event.use_default_reminders, event.reminders = True, []
    else:
        event.use_default_reminders, event.reminders = False, alarms
    return event


def reminders_key(reminders):
    """Sorted reminders as text, e.g. "email:30,popup:10"."""
    return ",".join("%s:%d" % (r.method, r.minutes) for r in sorted(set(reminders), key=Reminder.sort_key))


# -- applying a Google event ---------------------------------------------------------------


def time_values(event):
    """start/stop/allday values; an all-day event keeps its days whatever the zones."""
    if event.all_day:
        last = event.end_date or event.start_date
        return {
            "allday": True,
            "start": datetime.datetime.combine(event.start_date, ALLDAY_START),
            "stop": datetime.datetime.combine(last, ALLDAY_STOP),
        }
    return {"allday": False, "start": _naive(event.start), "stop": _naive(event.end)}


def guests(lookups, event, user):
    """{partner: response} for the Google guests; the syncing user stands in for an event
    without guests, as its organizer, so it shows in their calendar."""
    wanted = {}
    for attendee in event.attendees:
        if "@" not in attendee.email or attendee.resource:
            continue
        wanted.setdefault(lookups.partner(attendee.email, attendee.name), attendee.response)
    if not wanted:
        wanted[user.partner_id] = "accepted"
    return wanted


def values_from_event(lookups, event, organizer):
    """create/write values of a calendar.event from a Google event, attendees aside.

    :param lookups: the `Lookups` of this write
    :param organizer: the Odoo user to record as organizer
    """
    # useDefault: the event has the calendar's defaults, which the core read beside it.
    reminders = event.default_reminders if event.use_default_reminders else event.reminders
    values = {
        "name": event.summary or NO_TITLE,
        "description": google_to_html(event.description),
        "location": event.location,
        "privacy": event.visibility if event.visibility != "default" else False,
        "show_as": "busy" if event.busy else "free",
        "user_id": organizer.id,
        "google_time_zone": event.time_zone or False,
        "google_organizer_email": event.organizer_email or False,
        "google_reminders_default": event.use_default_reminders,
        "google_default_reminders": reminders_key(reminders) if event.use_default_reminders else False,
        "alarm_ids": [Command.set([lookups.alarm(r).id for r in reminders if r.method in GOOGLE_TO_ALARM])],
        "active": True,
        **time_values(event),
    }
    if event.video_url:
        # Google has no field for a link we would send; an Odoo-only link is kept.
        values["videocall_location"] = event.video_url
    return values


def attendee_commands(wanted):
    """attendee_ids/partner_ids commands creating an event with these guests and answers."""
    return {
        "partner_ids": [Command.set([p.id for p in wanted])],
        "attendee_ids": [Command.create({"partner_id": p.id, "state": state}) for p, state in wanted.items()],
    }


def apply_guests(record, wanted):
    """Bring an existing event's guests and their answers to `wanted` ({partner: response})."""
    if set(record.partner_ids) != set(wanted):
        record.write({"partner_ids": [Command.set([p.id for p in wanted])]})
    for attendee in record.attendee_ids:
        state = wanted.get(attendee.partner_id)
        if state and attendee.state != state:
            attendee.state = state
