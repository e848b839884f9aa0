"""The convergence state machine: users' edits (convergence_edits.py), Google's faults, lost runs,
expired tokens, scope changes and syncs, then the invariants once everything has quiesced.

Invariants, per user, after faults stop and every user synced until nothing is left:
- both sides hold the same items one to one through the links, with equal fields (answers
  included), and no duplicate on either side;
- each field the model tracks holds its later edit (convergence_model.py);
- nothing deleted on one side lives on the other;
- every item that cannot be synced was reported by a committed run, and is on one side only.
A user syncing one way is held to the items born on their source side (and shared with them).
"""

import time

from convergence_edits import EditRules
from convergence_model import GOOGLE, fields_of, fields_of_payload, local_side
from convergence_world import UserSide
from google_client_support import ALICE, BOB
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

DIRECTIONS = ("both", "local_to_remote", "remote_to_local")
FAULT_ROUTES = ["events.list", "batch.calendar", "events.insert", "events.patch", "events.delete", "events.get"]
FAULTS = st.sampled_from(
    [("rate_limit", 429), ("rate_limit", 403), ("status", 500), ("status", 503), ("drop_after_commit", 200)]
)
LOST = st.one_of(st.none(), st.just("commit"), st.integers(0, 40))
STATS = dict.fromkeys(["examples", "steps", "syncs", "lost", "items", "settled"], 0)


def make_machine(google, emulator, rules):
    class SyncMachine(EditRules, RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.google, self.emulator, self.rules = google, emulator, rules
            google.reset()
            self.sides, self.items, self.count, self.steps = {}, [], 0, 0
            self.away = {}

        def on(self, name):
            return name in self.rules

        @initialize(directions=st.tuples(st.sampled_from(DIRECTIONS), st.sampled_from(DIRECTIONS)))
        def start(self, directions):
            users = (ALICE, BOB) if self.on("users") else (ALICE,)
            for user, direction in zip(users, directions, strict=False):
                self.sides[user] = UserSide(google, emulator, user, direction if self.on("oneway") else "both")

        # -- helpers the edit rules use ----------------------------------------------------
        def _next(self):
            self.count += 1
            return self.count

        @staticmethod
        def _pause():
            time.sleep(0.003)  # keeps each side's stamps apart from the other's

        def _alive(self):
            return [i for i in self.items if not i.deleted and i.kind != "bad"]

        def _pushers(self):
            return [u for u, s in self.sides.items() if s.direction.pushes]

        def _pullers(self):
            return [u for u, s in self.sides.items() if s.direction.pulls]

        # -- Google misbehaving, and the sync -----------------------------------------------
        @rule(route=st.sampled_from(FAULT_ROUTES), fault=FAULTS, count=st.integers(1, 8))
        def arm_fault(self, route, fault, count):
            kind, status = fault
            google.fault(route, kind, status=status, count=count)

        @precondition(lambda self: self.on("expired"))
        @rule(who=st.integers(0, 1))
        def expire_token(self, who):
            google.invalidate_sync_tokens(list(self.sides)[who % len(self.sides)])

        @precondition(lambda self: self.on("expired"))
        @rule(who=st.integers(0, 1))
        def empty_googles_trash(self, who):
            """Deleted events are gone for good: no listing shows them any more, the next is a full one."""
            google.purge_deleted(list(self.sides)[who % len(self.sides)])

        @precondition(lambda self: self.on("scope"))
        @rule(who=st.integers(0, 1), cap=st.sampled_from([2, 100]))
        def calendar_away_and_back(self, who, cap):
            """The user picks another calendar, one run syncs it, then they pick theirs again."""
            user = list(self.sides)[who % len(self.sides)]
            side = self.sides[user]
            if user not in self.away:
                self.away[user] = google.add_calendar(user, "Away")["id"]
            side.switch_calendar(self.away[user])
            side.sync(cap=cap)
            side.switch_calendar("primary")

        @rule(who=st.integers(0, 1), cap=st.sampled_from([2, 100]), lost=LOST)
        def sync(self, who, cap, lost):
            side = self.sides[list(self.sides)[who % len(self.sides)]]
            side.sync(cap=cap, lost=lost if self.on("lost") else None)
            self._learn()
            self._settle()

        def _learn(self):
            for item in sorted(self.items, key=lambda i: i.born == GOOGLE):
                for user in item.users:
                    store = self.sides[user].store
                    if item.born == local_side(user):
                        link = store.get_link_by_local(item.local_ids[user])
                        if link is not None and not link.pending and link.google_id:
                            item.google_id = link.google_id
                    elif item.google_id:
                        link = store.get_link_by_google(item.google_id)
                        item.local_ids[user] = link.local_id if link is not None else None

        def _settle(self):
            """Forget the edits every side now shows: a later edit of another field is no conflict."""
            # Read through the emulator's control side: faults may be armed on the API.
            remote = {u: {e["id"]: e for e in google.dump_events(u, include_deleted=False)} for u in self.sides}
            for item in self._alive():
                if not item.unsettled:
                    continue
                views = [remote[u].get(item.google_id) for u in item.users if self._in_scope(item, u)]
                views = [fields_of_payload(v) if v else None for v in views]
                for user in item.users:
                    if self._in_scope(item, user):
                        local = self.sides[user].store.events.get(item.local_ids.get(user))
                        views.append(fields_of(local) if local else None)
                expected = item.expected()

                def shows(view, expected=expected):
                    return view is not None and all(view.get(k) == x for k, x in expected.items())

                # The organizer's copy and Google's agree: the base of the next merge (merge.py).
                mine, theirs = self.sides[item.owner].store.events.get(item.local_ids.get(item.owner)), None
                if (payload := remote[item.owner].get(item.google_id)) is not None:
                    theirs = fields_of_payload(payload)
                if shows(theirs) and shows(fields_of(mine) if mine else None):
                    item.agreed()
                if all(shows(v) for v in views):
                    item.agreed()
                    item.unsettled.clear()
                    STATS["settled"] += 1

        def _in_scope(self, item, user):
            direction = self.sides[user].direction
            if item.kind == "bad" or user not in item.users:
                return False
            return direction.pulls or item.born == local_side(user)

        @invariant()
        def never_a_duplicate(self):
            self.steps += 1
            for user, side in self.sides.items():
                links = side.store.links_by_google.values()
                assert len({link.local_id for link in links}) == len(links), "%s: one local item linked twice" % user
                odoo_ids = [
                    e.get("extendedProperties", {}).get("private", {}).get("odoo_id")
                    for e in google.dump_events(user, include_deleted=False)
                    # An occurrence made an exception carries its series' properties, our id included.
                    if e.get("organizer", {}).get("email", user) == user and not e.get("recurringEventId")
                ]
                odoo_ids = [i for i in odoo_ids if i]
                assert len(odoo_ids) == len(set(odoo_ids)), "%s: two Google events for one local item" % user

        # -- after quiescence ---------------------------------------------------------------
        def teardown(self):
            if not self.sides:
                return
            google.clear_faults()
            for _round in range(3):  # an answer goes guest -> Google -> organizer -> ...
                for side in self.sides.values():
                    side.quiesce()
            self._learn()
            for user in self.sides:
                self._check_user(user)
            assert not google.internal_errors()
            STATS["examples"] += 1
            STATS["steps"] += self.steps
            STATS["syncs"] += sum(s.runs for s in self.sides.values())
            STATS["lost"] += sum(s.lost for s in self.sides.values())
            STATS["items"] += len(self.items)

        def _left_behind(self, user):
            """Ids of the live events in other users' calendars they left that invite `user`."""
            return {
                event["id"]
                for owner, calendar_id in self.away.items()
                if owner != user
                for event in google.dump_events(calendar_id, include_deleted=False)
                if user in {a.get("email") for a in event.get("attendees") or []}
            }

        def _check_user(self, user):
            side = self.sides[user]
            remote, local, links = side.google_events(), side.local_events(), side.linked()
            assert len(set(links.values())) == len(links), "%s: a local item linked twice" % user
            bad = [i for i in self.items if i.kind == "bad" and i.owner == user]
            bad_remote = {i.google_id for i in bad if i.google_id}
            bad_local = {i.local_ids[user] for i in bad if i.local_ids.get(user)}
            mine = [i for i in self.items if not i.deleted and self._in_scope(i, user)]
            # Google-born items a one-way user never pulls stay on Google, outside the sync.
            outside = {i.google_id for i in self.items if not i.deleted and user in i.users and i not in mine}
            expected_remote = {i.google_id for i in mine}
            # A guest's copies of meetings whose organizer left them behind in a calendar they
            # stopped syncing: that calendar keeps its events (runner.start_over), and so do its guests.
            left = self._left_behind(user) - expected_remote
            assert None not in expected_remote, "%s: an item never reached Google" % user
            extra = set(remote) - expected_remote - bad_remote - outside - left
            assert not extra, "%s: Google holds events nobody expects (duplicates or undeleted): %s" % (
                user,
                sorted((g[-22:], remote[g].get("summary"), remote[g].get("status")) for g in extra),
            )
            missing = expected_remote - set(remote)
            assert not missing, "%s: Google lost events: %s" % (user, sorted(missing))
            expected_local = {links.get(i.google_id) for i in mine}
            assert None not in expected_local, "%s: an item is not linked: %s" % (
                user,
                [i.expected() for i in mine if links.get(i.google_id) is None],
            )
            extra_local = set(local) - expected_local - bad_local - {links.get(g) for g in left}
            assert not extra_local, "%s: local items nobody expects (duplicates or undeleted): %s" % (
                user,
                sorted((i, local[i].summary) for i in extra_local),
            )
            for item in mine:
                there, here = fields_of_payload(remote[item.google_id]), fields_of(local[links[item.google_id]])
                assert there == here, "%s: the two sides differ: Google %s, local %s" % (user, there, here)
                expected = item.expected()
                got = {k: here.get(k) for k in expected}
                assert got == expected, "%s: an edit was lost: expected %s, got %s" % (user, expected, got)
            for item in bad:
                if item.google_id and side.direction.pulls:
                    assert item.google_id in side.failed_ids(), "%s: a bad Google item was not reported" % user
                    assert item.google_id not in links, "%s: a bad Google item was linked" % user
                local_id = item.local_ids.get(user)
                if local_id and side.direction.pushes:
                    assert local_id in side.failed_ids(), "%s: a bad local item was not reported" % user
                    assert local_id not in links.values(), "%s: a bad local item was linked" % user

    return SyncMachine
