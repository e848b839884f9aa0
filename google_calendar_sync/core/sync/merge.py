"""Merging one item field by field: each side's change is the set of fields it changed since
the version both sides last agreed on.

The resource splits an item into named fields with JSON-able values (`LocalItem.fields`,
`RemoteItem.fields`; Calendar: summary, time, guests, one answer per guest, ...). The link keeps,
per side, a hash of each field as last agreed (`Link.base`, made by `base_of`), so a run can
tell which side changed which field even when the two sides hold a field in different forms.

- a field changed on one side only is taken by the other side;
- a field changed on both sides to different values is a conflict: the side that changed the
  item later wins (the caller decides, at full precision) and the loser's value is returned so
  the log can show it; equal values are no conflict;
- a field that differs but that neither side changed since they agreed is left alone: the two
  sides hold it in different forms on purpose (a local model that keeps less than Google);
- one-way settings: the side that is only read wins what both changed (still a conflict); when
  Google is only written to, a field only Google changed is left as Google holds it (another
  guest's answer is never sent back), and when it is only read, the local side takes all of it.

Without a stored base (a link older than field merging, or re-attached after it was lost) every
field of Google's copy counts as changed, and every local field too when the local item was
edited: the whole-item rule of before, applied field by field.

Pure: no I/O, no clock.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

LOCAL = "local"
REMOTE = "remote"
SENT = "sent"  # Link.base's key for the counter of the last write it includes (sync/sent.py)


def value_hash(value):
    """A short hash of a JSON-able value: what a base keeps of a field."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:16]


def field_hashes(fields):
    """{field: short hash of its value}, or None when the item has no field view."""
    if fields is None:
        return None
    return {name: value_hash(value) for name, value in fields.items()}


def base_of(local_fields, remote_fields, counter=0):
    """What a link keeps of an agreed version: each side's field hashes, or None if a side has none.

    :param counter: the last write to Google this version includes (sync/sent.py); kept even
        without field hashes (contacts, whose store merges by its own slots)
    """
    local, remote = field_hashes(local_fields), field_hashes(remote_fields)
    if local is None or remote is None:
        return {SENT: counter} if counter else None
    base = {LOCAL: local, REMOTE: remote}
    if counter:
        base[SENT] = counter
    return base


@dataclass(frozen=True)
class FieldLoss:
    """A field both sides changed: `winner`'s value is kept, `lost` is the other side's value."""

    field: str
    winner: str
    lost: Any


@dataclass(frozen=True)
class Merge:
    """:ivar to_local: fields the local side takes from Google
    :ivar to_remote: fields Google takes from the local side
    :ivar losses: FieldLoss of each field both sides changed to different values"""

    to_local: frozenset
    to_remote: frozenset
    losses: tuple


def changed(fields, hashes):
    """The fields whose value differs from `hashes` (every field when `hashes` is None)."""
    if hashes is None:
        return set(fields)
    missing = value_hash(None)
    return {name for name, value in fields.items() if value_hash(value) != hashes.get(name, missing)} | (
        set(hashes) - set(fields)
    )


def merge(local, remote, base, local_edited=True, local_later=False, pulls=True, pushes=True):
    """Decide, field by field, what each side takes from the other.

    :param local: the local item's fields; :param remote: Google's
    :param base: the link's `base` (see `base_of`), or None when unknown
    :param local_edited: without a base, whether the local item changed at all since the last sync
    :param local_later: the local side changed the item later than Google did
    :param pulls: the local side may be written; :param pushes: Google may be written
    """
    if base is not None:
        local_changed, remote_changed = changed(local, base.get(LOCAL)), changed(remote, base.get(REMOTE))
    else:
        local_changed, remote_changed = set(local) if local_edited else set(), set(remote)
    to_local, to_remote, losses = set(), set(), []
    for name in sorted(set(local) | set(remote)):
        mine, theirs = local.get(name), remote.get(name)
        if value_hash(mine) == value_hash(theirs):
            continue
        by_local, by_remote = name in local_changed, name in remote_changed
        if not (by_local or by_remote):
            continue  # a difference both sides agreed on (see the module's docstring)
        if not pulls:
            if not by_local:
                continue  # Google is only written to: what changed there alone is not ours to undo
            winner = LOCAL
        elif not pushes:
            winner = REMOTE
        elif by_local and by_remote:
            winner = LOCAL if local_later else REMOTE
        else:
            winner = LOCAL if by_local else REMOTE
        if by_local and by_remote:
            losses.append(FieldLoss(name, winner, theirs if winner == LOCAL else mine))
        (to_remote if winner == LOCAL else to_local).add(name)
    return Merge(frozenset(to_local), frozenset(to_remote), tuple(losses))
