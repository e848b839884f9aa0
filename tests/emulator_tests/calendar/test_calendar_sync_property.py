"""Property: a client that full-syncs, then syncs incrementally, ends with exactly Google's live events.

Writes land at random moments, including between the pages of a listing, and pages are
short or empty at random (config.short_pages). Whatever the interleaving, the mirror
built from the pages must equal the calendar's final state, item by item and etag by etag.
"""

from calendar_support import ALICE, Api, add_accounts, event_body
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Page fetches are frequent so that writes often fall between the pages of one listing.
OPS = st.lists(
    st.tuples(
        st.sampled_from(["insert", "insert", "patch", "patch", "delete", "page", "page", "page"]), st.integers(0, 50)
    ),
    min_size=6,
    max_size=30,
)


class Mirror:
    """What a syncing client keeps: live events by id, the sync token, and an open listing."""

    def __init__(self, api, page_size):
        self.api, self.page_size = api, page_size
        self.events, self.token, self.params = {}, None, None

    def step(self):
        """Fetch one page of the current listing, starting a new one if none is open."""
        if self.params is None:
            self.params = {"maxResults": self.page_size}
            if self.token:
                self.params["syncToken"] = self.token
        resp = self.api.list(**self.params)
        assert resp.status_code == 200, resp.text
        page = resp.json()
        for item in page["items"]:
            if item["status"] == "cancelled":
                self.events.pop(item["id"], None)
            else:
                self.events[item["id"]] = item["etag"]
        if "nextPageToken" in page:
            assert "nextSyncToken" not in page
            self.params["pageToken"] = page["nextPageToken"]
        else:
            self.token, self.params = page["nextSyncToken"], None

    def finish(self):
        while True:
            self.step()
            if self.params is None:
                return


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS, page_size=st.integers(1, 3))
def test_sync_converges_whatever_the_interleaving(google, emulator, ops, page_size):
    google.reset()
    add_accounts(google)
    api = Api(google, emulator, ALICE)
    mirror = Mirror(api, page_size)
    live = []
    for op, n in ops:
        if op == "insert" or not live:
            live.append(api.insert(event_body("e%d" % n, hour=n % 20))["id"])
        elif op == "patch":
            assert api.patch(live[n % len(live)], {"summary": "p%d" % n}).status_code == 200
        elif op == "delete":
            assert api.delete(live.pop(n % len(live))).status_code == 204
        else:
            mirror.step()
    mirror.finish()
    mirror.finish()  # a complete listing that started after the last write
    truth = {e["id"]: e["etag"] for e in google.dump_events(ALICE, include_deleted=False)}
    assert mirror.events == truth
