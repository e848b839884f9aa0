"""What the import tests share: a synced user (sync_common.SyncCase) and a reader asserting
every synced field of an Odoo event at once."""

import requests
from common import CALENDAR_SCOPE, CLIENT_ID
from sync_common import SyncCase


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

    def google_instances(self, email, event_id, **params):
        """Google's instances of a series (events.instances, every page), as Google returns them."""
        token = self.google.issue_tokens(email, CLIENT_ID, [CALENDAR_SCOPE])["access_token"]
        url = "%s/calendar/v3/calendars/primary/events/%s/instances" % (self.emulator.url, event_id)
        params = {"maxResults": 2500, **params}
        items = []
        while True:
            response = requests.get(url, params=params, headers={"Authorization": "Bearer " + token}, timeout=30)
            response.raise_for_status()
            page = response.json()
            items.extend(page["items"])
            if "nextPageToken" not in page:
                return items
            params["pageToken"] = page["nextPageToken"]

    def occurrences(self, name):
        """The Odoo occurrences of the series named `name`, by start (archived ones too)."""
        return self.events(archived=True).filtered(lambda e: e.name == name).sorted("start")
