"""Convergence, by hypothesis: random edits on both sides, random Google faults, random syncs,
runs whose local transaction is lost after Google took their writes, expired sync tokens (410)
and Google's trash emptied (deletions no listing shows any more).

The machine keeps a model of what each logical event should end as: gone once either
side deleted it, else carrying the summary of its last edit by the stamps each side
records (Google's `updated`, the local edit time; a tie goes to Google, as the planner
says). Whatever the interleaving, once faults stop and two clean runs pass, both sides
must match the model one to one, with no duplicate on either side.

CI runs a bounded number of examples; `GCS_HYPOTHESIS_EXAMPLES=500` (and optionally
`GCS_HYPOTHESIS_STEPS`) runs a long search by hand.
"""

import copy
import os
import time

from engine_support import Scene, google_body, local_event
from google_client_support import ALICE
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from google_calendar_sync.core.calendar.items import google_updated

EXAMPLES = int(os.environ.get("GCS_HYPOTHESIS_EXAMPLES", "25"))
STEPS = int(os.environ.get("GCS_HYPOTHESIS_STEPS", "15"))
FAULT_ROUTES = ["events.list", "batch.calendar", "events.insert", "events.patch", "events.delete", "events.get"]
FAULTS = st.sampled_from(
    [("rate_limit", 429), ("rate_limit", 403), ("status", 500), ("status", 503), ("drop_after_commit", 200)]
)
PICK = st.integers(min_value=0, max_value=10_000)
# What the run exercised, printed at the end (pytest -s) so a reader can tell the search was not empty.
STATS = dict.fromkeys(
    ["examples", "steps", "syncs", "events", "conflicts", "deferred", "stopped", "parked", "lost", "expired", "purged"],
    0,
)
# The ids of new events are derived from the items under the user's key, as in production, so a
# lost run's inserts are found again (core/sync/local_ref.py, chosen_id).
KEY = b"alice-key-of-this-database"


def millis(stamp):
    return int(stamp.timestamp() * 1000)


class Logical:
    """One event as the user thinks of it, whichever side made it."""

    def __init__(self, summary, stamp, side, local_id=None, google_id=None):
        self.local_id, self.google_id = local_id, google_id
        self.summary, self.stamp, self.side = summary, stamp, side
        self.deleted = False

    def edited(self, summary, stamp, side):
        newer = stamp > self.stamp or (stamp == self.stamp and side == "google")
        if newer:
            self.summary, self.stamp, self.side = summary, stamp, side


def make_machine(google, emulator):
    class SyncMachine(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            google.reset()
            self.scene = Scene(google, emulator, database="db-uuid", signing_key=KEY)
            self.scene.new_id = None
            self.events = []
            self.count = 0
            self.runs = 0
            self.steps = 0

        def _token(self):
            self.count += 1
            return "s%d" % self.count

        def _alive(self, side):
            key = "local_id" if side == "local" else "google_id"
            return [e for e in self.events if not e.deleted and getattr(e, key)]

        @staticmethod
        def _pause():
            time.sleep(0.003)  # keeps each side's stamps apart from the other's

        # -- the user, locally ------------------------------------------------------------
        @rule()
        def create_local(self):
            summary = self._token()
            local_id = self.scene.store.create(local_event(self.count, summary=summary))
            stamp = millis(self.scene.store.updated[local_id])
            self.events.append(Logical(summary, stamp, "local", local_id=local_id))
            self._pause()

        @precondition(lambda self: self._alive("local"))
        @rule(pick=PICK)
        def edit_local(self, pick):
            self._edit_local_of(self._alive("local")[pick % len(self._alive("local"))])
            self._pause()

        @precondition(lambda self: self._alive("local"))
        @rule(pick=PICK)
        def delete_local(self, pick):
            event = self._alive("local")[pick % len(self._alive("local"))]
            self.scene.store.delete(event.local_id)
            event.deleted = True
            self._pause()

        # -- the user, in Google's UI -------------------------------------------------------
        @rule()
        def create_google(self):
            summary = self._token()
            made = google.ui_create_event(ALICE, google_body(self.count, summary=summary))
            self.events.append(Logical(summary, millis(google_updated(made)), "google", google_id=made["id"]))
            self._pause()

        @precondition(lambda self: self._alive("google"))
        @rule(pick=PICK)
        def edit_google(self, pick):
            self._edit_google_of(self._alive("google")[pick % len(self._alive("google"))])
            self._pause()

        @precondition(lambda self: self._alive("google"))
        @rule(pick=PICK)
        def delete_google(self, pick):
            event = self._alive("google")[pick % len(self._alive("google"))]
            google.ui_delete_event(ALICE, event.google_id)
            event.deleted = True
            self._pause()

        @precondition(lambda self: self._both())
        @rule(pick=PICK, google_last=st.booleans())
        def edit_both_sides(self, pick, google_last):
            """A conflict on purpose: the same event edited on each side before the next sync."""
            event = self._both()[pick % len(self._both())]
            edits = [self._edit_local_of, self._edit_google_of]
            for edit in edits if google_last else reversed(edits):
                edit(event)
                self._pause()

        def _both(self):
            return [e for e in self.events if not e.deleted and e.local_id and e.google_id]

        def _edit_local_of(self, event):
            summary = self._token()
            self.scene.store.edit(event.local_id, summary=summary)
            event.edited(summary, millis(self.scene.store.updated[event.local_id]), "local")

        def _edit_google_of(self, event):
            summary = self._token()
            changed = google.ui_update_event(ALICE, event.google_id, {"summary": summary})
            event.edited(summary, millis(google_updated(changed)), "google")

        # -- Google misbehaving, and the sync --------------------------------------------------
        @rule(route=st.sampled_from(FAULT_ROUTES), fault=FAULTS, count=st.integers(1, 8))
        def arm_fault(self, route, fault, count):
            kind, status = fault
            google.fault(route, kind, status=status, count=count)

        @rule(cap=st.sampled_from([2, 100]))
        def sync(self, cap):
            report = self.scene.sync(cap=cap)
            self.runs += 1
            STATS["conflicts"] += report.conflicts
            STATS["deferred"] += report.deferred
            STATS["stopped"] += bool(report.stopped)
            STATS["parked"] += self.scene.store.inbox_size("calendar")
            self._learn_ids()

        @rule(cap=st.sampled_from([2, 100]))
        def lost_sync(self, cap):
            """A run whose local transaction is lost (a killed worker) after Google took its writes."""
            before = copy.deepcopy(self.scene.store)
            self.scene.sync(cap=cap)
            self.scene.store = before
            self.runs += 1
            STATS["lost"] += 1

        @rule()
        def expire_sync_token(self):
            google.invalidate_sync_tokens(ALICE)
            STATS["expired"] += 1

        @rule()
        def empty_googles_trash(self):
            """Deleted events are gone for good; the next listing is a full one (410)."""
            STATS["purged"] += google.purge_deleted(ALICE)

        def _learn_ids(self):
            store = self.scene.store
            for event in self.events:
                if event.google_id is None:
                    link = store.get_link_by_local(event.local_id)
                    if link is not None and not link.pending:
                        event.google_id = link.google_id
                elif event.local_id is None:
                    link = store.get_link_by_google(event.google_id)
                    if link is not None:
                        event.local_id = link.local_id

        @invariant()
        def never_a_duplicate(self):
            self.steps += 1
            links = self.scene.store.links_by_google.values()
            assert len({link.local_id for link in links}) == len(links), "one local item linked twice"
            odoo_ids = [
                e.get("extendedProperties", {}).get("private", {}).get("odoo_id")
                for e in google.dump_events(ALICE, include_deleted=False)
            ]
            odoo_ids = [i for i in odoo_ids if i]
            assert len(odoo_ids) == len(set(odoo_ids)), "two Google events for one local item"

        def teardown(self):
            google.clear_faults()
            self.scene.sync()
            self.scene.sync()
            self._learn_ids()
            self.scene.assert_in_sync()
            remote = self.scene.google_events()
            local = self.scene.store.live()
            expected = sorted(e.summary for e in self.events if not e.deleted)
            assert sorted(e["summary"] for e in remote.values()) == expected
            assert sorted(e.summary for e in local.values()) == expected
            for event in self.events:
                if event.deleted:
                    assert event.local_id not in local and event.google_id not in remote
                else:
                    assert remote[event.google_id]["summary"] == local[event.local_id].summary == event.summary
            assert not google.internal_errors()
            STATS["examples"] += 1
            STATS["steps"] += self.steps
            STATS["syncs"] += self.runs
            STATS["events"] += len(self.events)

    return SyncMachine


def test_both_sides_converge_whatever_happens(google, emulator):
    machine = make_machine(google, emulator)
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=False,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
    print(
        "convergence: %(examples)d examples, %(steps)d steps, %(syncs)d syncs, %(events)d events, "
        "%(conflicts)d conflicts, %(deferred)d deferred, %(stopped)d stopped runs, %(parked)d parked, "
        "%(lost)d lost runs, %(expired)d expired tokens, %(purged)d purged deletions" % STATS
    )
    assert STATS["examples"] >= min(EXAMPLES, 5)
