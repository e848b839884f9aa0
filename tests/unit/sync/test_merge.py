"""The field-by-field merge (core/sync/merge.py), table-driven."""

import pytest

from google_calendar_sync.core.sync.merge import LOCAL, REMOTE, FieldLoss, base_of, merge

BASE = {"summary": "Meeting", "time": "9:00", "answer:bob@x.com": "needsAction"}


def case(local=None, remote=None, **kw):
    return {**BASE, **(local or {})}, {**BASE, **(remote or {})}, kw


@pytest.mark.parametrize(
    "local,remote,options,to_local,to_remote,losses",
    [
        # Nothing changed, or both sides made the same change: nothing to do.
        (*case(), set(), set(), []),
        (*case({"summary": "X"}, {"summary": "X"}), set(), set(), []),
        # One side changed a field: the other side takes it.
        (*case({"time": "10:00"}), set(), {"time"}, []),
        (*case(remote={"summary": "Google"}), {"summary"}, set(), []),
        # Different fields on both sides: both survive (the organizer's time, a guest's answer).
        (*case({"time": "10:00"}, {"answer:bob@x.com": "accepted"}), {"answer:bob@x.com"}, {"time"}, []),
        # The same field on both sides: the later side wins and the loser's value is kept.
        (
            *case({"summary": "Odoo"}, {"summary": "Google"}, local_later=True),
            set(),
            {"summary"},
            [FieldLoss("summary", LOCAL, "Google")],
        ),
        (
            *case({"summary": "Odoo"}, {"summary": "Google"}, local_later=False),
            {"summary"},
            set(),
            [FieldLoss("summary", REMOTE, "Odoo")],
        ),
        # A field only one side has (a guest added on Google) counts as changed there.
        (*case(remote={"answer:new@x.com": "accepted"}), {"answer:new@x.com"}, set(), []),
        (*case({"answer:new@x.com": "needsAction"}), set(), {"answer:new@x.com"}, []),
        # One-way: the source side wins every difference; a field both changed is still a loss.
        (*case({"time": "10:00"}, pulls=False), set(), {"time"}, []),
        (*case(remote={"summary": "G"}, pulls=False), set(), set(), []),
        (*case({"time": "10:00"}, pushes=False), {"time"}, set(), []),
        (
            *case({"summary": "O"}, {"summary": "G"}, local_later=True, pushes=False),
            {"summary"},
            set(),
            [FieldLoss("summary", REMOTE, "O")],
        ),
    ],
)
def test_merge_with_a_base(local, remote, options, to_local, to_remote, losses):
    result = merge(local, remote, base_of(BASE, BASE), **options)
    assert (set(result.to_local), set(result.to_remote), list(result.losses)) == (to_local, to_remote, losses)


@pytest.mark.parametrize(
    "edited,local_later,to_local,to_remote,lost",
    [
        # Without a base every field of Google's copy counts as changed, and every local field too
        # when the local item was edited: the whole-item rule, field by field.
        (False, True, {"summary", "time"}, set(), []),
        (True, False, {"summary", "time"}, set(), ["summary", "time"]),
        (True, True, set(), {"summary", "time"}, ["summary", "time"]),
    ],
)
def test_merge_without_a_base(edited, local_later, to_local, to_remote, lost):
    local, remote = {"summary": "O", "time": "1"}, {"summary": "G", "time": "2"}
    result = merge(local, remote, None, local_edited=edited, local_later=local_later)
    assert (set(result.to_local), set(result.to_remote)) == (to_local, to_remote)
    assert [loss.field for loss in result.losses] == lost


def test_a_difference_both_sides_agreed_on_is_left_alone():
    """A field each side holds in its own form (a local model that keeps less) is not a change."""
    local, remote = {"summary": "S", "video_url": ""}, {"summary": "S", "video_url": "https://meet"}
    result = merge(local, dict(remote, summary="New"), base_of(local, remote))
    assert (set(result.to_local), set(result.to_remote), result.losses) == ({"summary"}, set(), ())


def test_base_of_needs_both_sides():
    assert base_of({"a": 1}, None) is None
    assert base_of({"a": 1}, {"a": 1})[LOCAL] == base_of({"a": 1}, {"a": 1})[REMOTE]
