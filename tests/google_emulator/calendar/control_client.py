"""Control-client methods of the Calendar area: set the scene and read the final state over HTTP."""

from urllib.parse import quote


def _event_path(event_id, suffix=""):
    return "/calendar/events/" + quote(event_id, safe="") + suffix


class CalendarControlMixin:
    def add_calendar(self, owner_email, summary, calendar_id=None, time_zone=None):
        """A secondary calendar owned by `owner_email`; returns its metadata (with its `id`)."""
        return self.call(
            "POST",
            "/calendar/calendars",
            {"owner_email": owner_email, "summary": summary, "calendar_id": calendar_id, "time_zone": time_zone},
        )

    def ui_create_event(self, email, event, calendar_id="primary", send_updates="none"):
        """Create an event as `email` would in Google's UI; returns the Event resource."""
        return self.call(
            "POST",
            "/calendar/events",
            {"email": email, "event": event, "calendar_id": calendar_id, "send_updates": send_updates},
        )

    def store_as_listed(self, email, event, calendar_id="primary"):
        """Store `event` exactly as a real listing showed it, without the API's checks (an end
        before its start, no start, an unknown time zone): see calendar/as_listed.py."""
        return self.call(
            "POST", "/calendar/events/as_listed", {"email": email, "event": event, "calendar_id": calendar_id}
        )

    def ui_update_event(self, email, event_id, changes, calendar_id="primary", send_updates="none"):
        """Change an event (patch semantics) as `email` would in Google's UI."""
        return self.call(
            "PATCH",
            _event_path(event_id),
            {"email": email, "changes": changes, "calendar_id": calendar_id, "send_updates": send_updates},
        )

    def ui_change_between_pages(self, email, event_id, changes, calendar_id="primary"):
        """Change an event (patch semantics, as in Google's UI) between two pages of the next
        events.list of the calendar that serves it: that page ends after the event, which comes
        again, changed, at the end of the listing (between_pages.py)."""
        self.call(
            "POST",
            _event_path(event_id, "/change_between_pages"),
            {"email": email, "changes": changes, "calendar_id": calendar_id},
        )

    def ui_delete_event(self, email, event_id, calendar_id="primary", send_updates="none"):
        self.call(
            "POST",
            _event_path(event_id, "/delete"),
            {"email": email, "calendar_id": calendar_id, "send_updates": send_updates},
        )

    def ui_respond(self, email, event_id, response_status, send_updates="none"):
        """Answer an invitation on `email`'s copy: accepted, declined, tentative or needsAction."""
        return self.call(
            "POST",
            _event_path(event_id, "/respond"),
            {"email": email, "response_status": response_status, "send_updates": send_updates},
        )

    def dump_events(self, calendar_id, include_deleted=True):
        """Every stored event of a calendar in write order, cancelled ones with full detail."""
        return self.call(
            "GET",
            "/calendar/events",
            params={"calendar_id": calendar_id, "include_deleted": str(include_deleted).lower()},
        )

    def invalidate_sync_tokens(self, calendar_id):
        """Make every sync token issued so far for this calendar answer 410 fullSyncRequired."""
        self.call("POST", "/calendar/invalidate_sync_tokens", {"calendar_id": calendar_id})

    def purge_deleted(self, calendar_id):
        """Empty the calendar's trash: its deleted events are gone for good, and its sync tokens
        answer 410. Returns how many events were purged."""
        return self.call("POST", "/calendar/purge_deleted", {"calendar_id": calendar_id})["purged"]
