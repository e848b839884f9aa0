"""The planner, one table row per branch: (what changed, stored link, other side) -> actions."""

from datetime import UTC, date, datetime, timedelta

import pytest

from google_calendar_sync.core.calendar.client import new_event_id
from google_calendar_sync.core.calendar.resource import CalendarResource, CalendarSettings
from google_calendar_sync.core.sync import plan
from google_calendar_sync.core.sync.plan import (
    AckLocal,
    Conflict,
    CreateLocal,
    CreateRemote,
    DeleteLocal,
    DeleteRemote,
    Direction,
    DropLink,
    ForgetLink,
    IgnoreRemote,
    LocalItem,
    MissRemote,
    Relink,
    RemoteItem,
    Settings,
    UpdateLocal,
    UpdateRemote,
)
from google_calendar_sync.core.sync.reason import Reason
from google_calendar_sync.core.sync.status import Link, LinkState

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
EARLY, LATE = T0, T0 + timedelta(minutes=5)
BOTH = Settings()
PULL_ONLY = Settings(direction=Direction.REMOTE_TO_LOCAL)
PUSH_ONLY = Settings(direction=Direction.LOCAL_TO_REMOTE)
# The range rule is the resource's: Calendar's `since` (the planner only asks it).
SINCE = Settings(out_of_range=CalendarResource(None, CalendarSettings(since=date(2025, 1, 1))).out_of_range)
OLD_END = datetime(2024, 6, 1, 10, tzinfo=UTC)

LINK = Link("g1", "7", local_fingerprint="fp-base", remote_etag='"e1"')
PENDING = Link("g1", "7", local_fingerprint="fp-base", state=LinkState.PENDING_CREATE)
LINKED_PENDING = PENDING.but(state=LinkState.LINKED)


def remote(etag='"e2"', fp="fp-remote", updated=LATE, **kw):
    return RemoteItem("g1", etag=etag, updated=updated, fingerprint=fp, **kw)


def local(fp="fp-base", updated=EARLY, **kw):
    return LocalItem("7", fingerprint=fp, updated=updated, **kw)


CANCELLED = RemoteItem("g1", etag='"e2"', cancelled=True)
TOMBSTONE = LocalItem("7", deleted=True, updated=EARLY)
MERGE_LINK = Link("g1", "7")


def agreed(link, etag='"e2"', fp="fp-same"):
    return link.but(remote_etag=etag, local_fingerprint=fp, state=LinkState.LINKED)


REMOTE_ROWS = [
    # id, remote item, link, local, settings, local_link, expected actions
    ("unlinked-cancelled", CANCELLED, None, None, BOTH, None, []),
    ("unlinked-new", remote(), None, None, BOTH, None, [CreateLocal(remote())]),
    (
        "unlinked-before-since",
        remote(end=OLD_END),
        None,
        None,
        SINCE,
        None,
        [IgnoreRemote("g1", Reason("before_sync_start", date="2025-01-01"))],
    ),
    ("unlinked-since-recent", remote(end=LATE), None, None, SINCE, None, [CreateLocal(remote(end=LATE))]),
    (
        "merge-same-content",
        remote(fp="fp-same", local_ref="7"),
        None,
        local(fp="fp-same"),
        BOTH,
        None,
        [Relink(agreed(MERGE_LINK))],
    ),
    (
        "merge-remote-newer",
        remote(local_ref="7"),
        None,
        local(fp="fp-local"),
        BOTH,
        None,
        [
            UpdateLocal(
                remote(local_ref="7"),
                MERGE_LINK,
                Conflict("g1", "7", "remote", Reason("local_edit_lost", updated=EARLY.isoformat())),
            )
        ],
    ),
    (
        "merge-local-newer",
        remote(local_ref="7", updated=EARLY),
        None,
        local(fp="fp-local", updated=LATE),
        BOTH,
        None,
        [
            UpdateRemote(
                local(fp="fp-local", updated=LATE),
                MERGE_LINK.but(remote_etag='"e2"'),
                Conflict("g1", "7", "local", Reason("google_edit_lost", updated=EARLY.isoformat())),
            )
        ],
    ),
    (
        "merge-local-linked-elsewhere",
        remote(local_ref="7"),
        None,
        local(),
        BOTH,
        Link("g-other", "7"),
        [CreateLocal(remote(local_ref="7"))],
    ),
    (
        "merge-local-tombstone",
        remote(local_ref="7"),
        None,
        TOMBSTONE,
        BOTH,
        None,
        [DeleteRemote(Link("g1", "7", remote_etag='"e2"'))],
    ),
    (
        "merge-local-tombstone-pull-only",
        remote(local_ref="7"),
        None,
        TOMBSTONE,
        PULL_ONLY,
        None,
        [CreateLocal(remote(local_ref="7"))],
    ),
    ("cancelled-local-unchanged", CANCELLED, LINK, local(), BOTH, None, [DeleteLocal(LINK)]),
    (
        "cancelled-local-edited",
        CANCELLED,
        LINK,
        local(fp="fp-local"),
        BOTH,
        None,
        [DeleteLocal(LINK, Conflict("g1", "7", "remote", Reason("local_edit_lost_to_deletion")))],
    ),
    ("cancelled-local-gone", CANCELLED, LINK, None, BOTH, None, [DeleteLocal(LINK)]),
    (
        "cancelled-push-only",
        CANCELLED,
        LINK,
        local(),
        PUSH_ONLY,
        None,
        [DropLink(LINK, Reason("recreated_on_google"))],
    ),
    (
        "local-tombstone-remote-edited",
        remote(),
        LINK,
        TOMBSTONE,
        BOTH,
        None,
        [DeleteRemote(LINK, Conflict("g1", "7", "local", Reason("google_edit_lost_to_deletion")))],
    ),
    ("local-missing-remote-unchanged", remote(etag='"e1"'), LINK, None, BOTH, None, [DeleteRemote(LINK)]),
    # A paused item (contacts out of the user's choice) takes nothing, deletes nothing, keeps its link.
    ("paused-remote-edited", remote(), LINK, local(fp="fp-local", paused=True), BOTH, None, [MissRemote(LINK)]),
    ("paused-remote-unchanged", remote(etag='"e1"'), LINK, local(paused=True), BOTH, None, []),
    ("paused-cancelled", CANCELLED, LINK, local(paused=True), BOTH, None, [ForgetLink(LINK)]),
    (
        "paused-insert-landed",
        remote(local_ref="7"),
        None,
        local(fp="fp-local", paused=True),
        BOTH,
        PENDING.but(google_id=None),
        [MissRemote(Link("g1", "7", remote_etag='"e2"'))],
    ),
    ("paused-tombstone", remote(), LINK, LocalItem("7", deleted=True, paused=True), BOTH, None, [MissRemote(LINK)]),
    ("local-tombstone-pull-only", remote(), LINK, TOMBSTONE, PULL_ONLY, None, [CreateLocal(remote())]),
    ("echo-same-etag", remote(etag='"e1"'), LINK, local(fp="fp-local"), BOTH, None, []),
    ("new-etag-same-content", remote(fp="fp-same"), LINK, local(fp="fp-same"), BOTH, None, [Relink(agreed(LINK))]),
    ("remote-edit-only", remote(), LINK, local(), BOTH, None, [UpdateLocal(remote(), LINK)]),
    (
        "both-edited-remote-newer",
        remote(),
        LINK,
        local(fp="fp-local"),
        BOTH,
        None,
        [
            UpdateLocal(
                remote(), LINK, Conflict("g1", "7", "remote", Reason("local_edit_lost", updated=EARLY.isoformat()))
            )
        ],
    ),
    (
        "both-edited-local-newer",
        remote(updated=EARLY),
        LINK,
        local(fp="fp-local", updated=LATE),
        BOTH,
        None,
        [
            UpdateRemote(
                local(fp="fp-local", updated=LATE),
                LINK.but(remote_etag='"e2"'),
                Conflict("g1", "7", "local", Reason("google_edit_lost", updated=EARLY.isoformat())),
            )
        ],
    ),
    (
        "both-edited-same-millisecond",
        remote(updated=T0),
        LINK,
        local(fp="fp-local", updated=T0 + timedelta(microseconds=300)),
        BOTH,
        None,
        [
            UpdateLocal(
                remote(updated=T0),
                LINK,
                Conflict(
                    "g1",
                    "7",
                    "remote",
                    Reason("local_edit_lost", updated=(T0 + timedelta(microseconds=300)).isoformat()),
                ),
            )
        ],
    ),
    (
        "both-edited-local-time-unknown",
        remote(),
        LINK,
        local(fp="fp-local", updated=None),
        BOTH,
        None,
        [UpdateLocal(remote(), LINK, Conflict("g1", "7", "remote", Reason("local_edit_lost", updated="")))],
    ),
    (
        "both-edited-remote-time-unknown",
        remote(updated=None),
        LINK,
        local(fp="fp-local"),
        BOTH,
        None,
        [
            UpdateRemote(
                local(fp="fp-local"),
                LINK.but(remote_etag='"e2"'),
                Conflict("g1", "7", "local", Reason("google_edit_lost", updated="")),
            )
        ],
    ),
    (
        "both-edited-pull-only",
        remote(updated=EARLY),
        LINK,
        local(fp="fp-local", updated=LATE),
        PULL_ONLY,
        None,
        [UpdateLocal(remote(updated=EARLY), LINK)],
    ),
    (
        "both-edited-push-only",
        remote(),
        LINK,
        local(fp="fp-local", updated=EARLY),
        PUSH_ONLY,
        None,
        [
            UpdateRemote(
                local(fp="fp-local", updated=EARLY),
                LINK.but(remote_etag='"e2"'),
                Conflict("g1", "7", "local", Reason("google_edit_lost", updated=LATE.isoformat())),
            )
        ],
    ),
    (
        "pending-landed-same-content",
        remote(fp="fp-same"),
        PENDING,
        local(fp="fp-same"),
        BOTH,
        None,
        [Relink(agreed(PENDING))],
    ),
    (
        "pending-landed-local-edited-since",
        remote(updated=EARLY),
        PENDING,
        local(fp="fp-new", updated=LATE),
        BOTH,
        None,
        [
            UpdateRemote(
                local(fp="fp-new", updated=LATE),
                LINKED_PENDING.but(remote_etag='"e2"'),
                Conflict("g1", "7", "local", Reason("google_edit_lost", updated=EARLY.isoformat())),
            )
        ],
    ),
    (
        "pending-landed-then-edited-on-google",
        remote(),
        PENDING,
        local(),
        BOTH,
        None,
        [UpdateLocal(remote(), LINKED_PENDING)],
    ),
]


@pytest.mark.parametrize(
    "item, link, other, settings, local_link, expected",
    [row[1:] for row in REMOTE_ROWS],
    ids=[row[0] for row in REMOTE_ROWS],
)
def test_plan_remote(item, link, other, settings, local_link, expected):
    assert plan.plan_remote(item, link, other, settings, local_link=local_link) == expected


def ids(*values):
    """A `new_id` handing out `values` in turn, whatever the item."""
    left = iter(values)
    return lambda _local: next(left)


NEW_PENDING = Link("n1", "7", local_fingerprint="fp-local", state=LinkState.PENDING_CREATE)

LOCAL_ROWS = [
    # id, local item, link, settings, expected actions
    ("tombstone-never-synced", TOMBSTONE, None, BOTH, [AckLocal("7", None, Reason("deleted_unsynced"))]),
    # With derived ids, a lost run may have inserted it: its deletion goes to that id.
    ("tombstone-unlinked-derived-ids", TOMBSTONE, None, Settings(ids_derived=True), [DeleteRemote(Link("n1", "7"))]),
    ("tombstone-linked", TOMBSTONE, LINK, BOTH, [DeleteRemote(LINK)]),
    ("tombstone-pending", TOMBSTONE, PENDING, BOTH, [DeleteRemote(PENDING)]),
    ("new", local(fp="fp-local"), None, BOTH, [CreateRemote(local(fp="fp-local"), NEW_PENDING)]),
    (
        "new-before-since",
        local(end=OLD_END),
        None,
        SINCE,
        [AckLocal("7", "fp-base", Reason("before_sync_start", date="2025-01-01"), skipped=True)],
    ),
    (
        "new-after-since",
        local(fp="fp-local", end=LATE),
        None,
        SINCE,
        [CreateRemote(local(fp="fp-local", end=LATE), NEW_PENDING)],
    ),
    (
        "pending-retry-same-id",
        local(fp="fp-local"),
        PENDING,
        BOTH,
        [CreateRemote(local(fp="fp-local"), PENDING.but(local_fingerprint="fp-local"))],
    ),
    ("linked-unchanged", local(), LINK, BOTH, [AckLocal("7", "fp-base", Reason("unchanged"))]),
    ("linked-edited", local(fp="fp-local"), LINK, BOTH, [UpdateRemote(local(fp="fp-local"), LINK)]),
    (
        "linked-edited-before-since",
        local(fp="fp-local", end=OLD_END),
        LINK,
        SINCE,
        [UpdateRemote(local(fp="fp-local", end=OLD_END), LINK)],
    ),
]


@pytest.mark.parametrize(
    "item, link, settings, expected", [row[1:] for row in LOCAL_ROWS], ids=[row[0] for row in LOCAL_ROWS]
)
def test_plan_local(item, link, settings, expected):
    assert plan.plan_local(item, link, settings, new_id=ids("n1")) == expected


@pytest.mark.parametrize("stamp_a, stamp_b", [(EARLY, LATE), (LATE, EARLY), (T0, T0)])
def test_conflict_outcome_does_not_depend_on_argument_order(stamp_a, stamp_b):
    """Deterministic: swapping which side is 'local' swaps the winner, never both-win or both-lose."""
    forward = plan.local_wins(stamp_a, stamp_b)
    backward = plan.local_wins(stamp_b, stamp_a)
    assert not (forward and backward)
    assert (forward or backward) == (stamp_a != stamp_b)


@pytest.mark.parametrize(
    "naive, aware",
    [
        (datetime(2025, 3, 1, 9, 0), T0),
        (datetime(2025, 3, 1, 9, 0, 0, 999), T0),
    ],
)
def test_naive_stamps_are_read_as_utc(naive, aware):
    assert plan._millis(naive) == plan._millis(aware)


def test_default_google_ids_are_valid_base32hex():
    made = {new_event_id() for _ in range(200)}
    assert len(made) == 200
    assert all(5 <= len(i) <= 1024 and set(i) <= set("0123456789abcdefghijklmnopqrstuv") for i in made)
