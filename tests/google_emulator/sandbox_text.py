"""Plain-language text for the sandbox page: event times, recurrence rules, answers, email kinds.

The sandbox page (sandbox_page.py) is for a newcomer who has never read Google's JSON, so
"2026-11-17T10:00:00+01:00" becomes "Tue 17 Nov 2026, 10:00" and "RRULE:FREQ=WEEKLY;BYDAY=TU"
becomes "every week on Tuesday". Anything these helpers do not recognise is shown as
Google stores it rather than guessed at.
"""

from datetime import date, datetime, timedelta

from .calendar.fields import zone

DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday", "SA": "Saturday"}
DAYS["SU"] = "Sunday"
UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
ANSWERS = {
    "accepted": "accepted",
    "declined": "declined",
    "tentative": "maybe",
    "needsAction": "no answer yet",
}
EMAIL_KINDS = {
    "invitation": "Invitation",
    "update": "Event changed",
    "cancellation": "Cancellation",
    "reply": "Answer to the organizer",
}


def _local(value, default_zone):
    """An event time ({"dateTime", "timeZone"}) as a datetime in the zone it names."""
    moment = datetime.fromisoformat(value["dateTime"].replace("Z", "+00:00"))
    tz = zone(value.get("timeZone")) or zone(default_zone)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz) if tz else moment
    return moment.astimezone(tz) if tz else moment


def day_text(day):
    return day.strftime("%a %d %b %Y").replace(" 0", " ")


def when(start, end, default_zone):
    """'Tue 17 Nov 2026, 10:00 - 10:30 (Europe/Brussels)' or 'Mon 23 Nov 2026 - Tue 24 Nov 2026, all day'."""
    if "date" in start:
        first = date.fromisoformat(start["date"])
        last = date.fromisoformat(end["date"]) - timedelta(days=1)  # Google's end date is exclusive
        span = day_text(first) if last <= first else "%s - %s" % (day_text(first), day_text(last))
        return span + ", all day"
    begin, finish = _local(start, default_zone), _local(end, default_zone)
    tz_name = start.get("timeZone") or default_zone or "UTC"
    if finish.date() == begin.date():
        text = "%s, %s - %s" % (day_text(begin), begin.strftime("%H:%M"), finish.strftime("%H:%M"))
    else:
        text = "%s, %s - %s, %s" % (
            day_text(begin),
            begin.strftime("%H:%M"),
            day_text(finish),
            finish.strftime("%H:%M"),
        )
    return "%s (%s)" % (text, tz_name)


def original_day(record, default_zone):
    """The day an exception of a series was first planned for."""
    original = record.get("originalStartTime") or {}
    if "date" in original:
        return day_text(date.fromisoformat(original["date"]))
    if "dateTime" in original:
        return day_text(_local(original, default_zone))
    return "?"


def _rule_parts(line):
    body = line.split(":", 1)[1] if ":" in line else line
    parts = {}
    for item in body.split(";"):
        key, _, value = item.partition("=")
        parts[key.upper()] = value
    return parts


def _until_text(value):
    try:
        return day_text(datetime.strptime(value[:8], "%Y%m%d"))
    except ValueError:
        return value


def rule_text(line):
    """One line of an event's `recurrence` in words; the line itself when it is not a plain RRULE."""
    if not line.upper().startswith("RRULE:"):
        if line.upper().startswith("EXDATE"):
            return "except " + line.split(":", 1)[-1]
        return line
    parts = _rule_parts(line)
    unit = UNITS.get(parts.get("FREQ", ""))
    known = {"FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL", "WKST"}
    if unit is None or set(parts) - known or not parts.get("INTERVAL", "1").isdigit():
        return line
    interval = int(parts.get("INTERVAL", "1"))
    text = "every " + (unit if interval == 1 else "%d %ss" % (interval, unit))
    days = [DAYS.get(day[-2:], day) for day in parts.get("BYDAY", "").split(",") if day]
    if days and all(day in DAYS.values() for day in days) and unit == "week":
        text += " on " + ", ".join(days)
    elif days:
        return line  # "the 2nd Tuesday" and the like: shown as Google stores it
    if parts.get("COUNT"):
        text += ", %s times" % parts["COUNT"]
    if parts.get("UNTIL"):
        text += ", until " + _until_text(parts["UNTIL"])
    return text


def answer_text(status):
    return ANSWERS.get(status or "needsAction", status)


def email_kind_text(kind):
    return EMAIL_KINDS.get(kind, kind)
