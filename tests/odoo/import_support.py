"""What the import tests share: a synced user (sync_common.SyncCase) and a reader asserting
every synced field of an Odoo event at once."""

import datetime

from sync_common import SyncCase


def as_naive_utc(text):
    """Odoo's naive UTC datetime of Google's RFC 3339 text."""
    return datetime.datetime.fromisoformat(text).astimezone(datetime.UTC).replace(tzinfo=None)


class ImportCase(SyncCase):
    def alarms(self, *pairs):
        """The calendar.alarm records of (type, minutes) pairs, one each."""
        found = self.env["calendar.alarm"]
        for alarm_type, minutes in pairs:
            alarm = self.env["calendar.alarm"].search(
                [("alarm_type", "=", alarm_type), ("duration_minutes", "=", minutes)]
            )
            self.assertEqual(len(alarm), 1, "one %s alarm of %d minutes" % (alarm_type, minutes))
            found |= alarm
        return found

    def assert_event(self, record, **expected):
        """Every synced field of one calendar.event; `answers` is {partner: state}, `video` the
        video link, `dates` (first day, last day) of an all-day event, else None."""
        fields = {
            "name": record.name,
            "start": record.start,
            "stop": record.stop,
            "allday": record.allday,
            "user_id": record.user_id,
            "answers": {a.partner_id: a.state for a in record.attendee_ids},
            "alarm_ids": record.alarm_ids,
            "privacy": record.privacy,
            "show_as": record.show_as,
            "location": record.location or "",
            "description": record.description or "",
            "recurrency": record.recurrency,
            "video": record.videocall_location or "",
            "dates": (record.start_date, record.stop_date) if record.allday else None,
        }
        self.assertEqual(set(expected), set(fields), "assert every field")
        self.assertEqual(fields, expected)

    def own_event(self, **fields):
        """Every synced field of a timed event Alice made in Google with its defaults, but `fields`."""
        return {
            "allday": False,
            "user_id": self.alice,
            "answers": {self.alice.partner_id: "accepted"},
            "alarm_ids": self.alarms(("notification", 10)),
            "privacy": False,
            "show_as": "busy",
            "location": "",
            "description": "",
            "recurrency": False,
            "video": "",
            "dates": None,
            **fields,
        }

    def google_instances(self, email, event_id, **params):
        """Google's instances of a series (events.instances), as Google returns them."""
        return self.google_listing(email, "/%s/instances" % event_id, maxResults=2500, **params)

    def occurrences(self, name):
        """The Odoo occurrences of the series named `name`, by start (archived ones too)."""
        return self.events(archived=True).filtered(lambda e: e.name == name).sorted("start")
