"""An event that changes while a client pages through a listing: `BetweenPages`.

Google's listings may serve an event on one page and, when it changed before the next page was
asked for, serve it again with its new state later in the same listing (O: the real-world
listings behind issue 14). The control route `ui_change_between_pages` arms such a change: the
next events.list page of the calendar that serves the event ends right after it (a short page,
as `maxResults` allows: "may be less than this value"), the change is made as the user would
in Google's UI when the next page is asked for, and the event comes again at the end of the
listing with its new state. Its change also reaches the next incremental sync, as any change.
"""


class BetweenPages:
    def __init__(self, store, writer):
        self.store = store
        self.writer = writer

    def arm(self, cal, email, event_id, changes):
        self.store.between_pages.append(
            {"cal": cal["id"], "email": email, "event_id": event_id, "changes": changes, "snapshot": None}
        )

    def cut(self, cal, snap_id, chunk):
        """The keys a page serves, ending right after the first armed event among them."""
        for armed in self.store.between_pages:
            if armed["cal"] == cal["id"] and armed["snapshot"] is None and armed["event_id"] in chunk:
                armed["snapshot"] = snap_id
                return chunk[: chunk.index(armed["event_id"]) + 1]
        return chunk

    def waiting(self, snap_id):
        """Whether a served event of this listing changes before its next page (which must come)."""
        return any(armed["snapshot"] == snap_id for armed in self.store.between_pages)

    def apply(self, cal, snap_id, snapshot):
        """Make the changes armed on the pages served so far; their events come again at the end."""
        for armed in [a for a in self.store.between_pages if a["snapshot"] == snap_id]:
            self.store.between_pages.remove(armed)
            self.writer.update(
                armed["email"], cal, armed["event_id"], armed["changes"], "none", patch=True, as_google=True
            )
            snapshot["keys"] = snapshot["keys"] + [armed["event_id"]]
