"""The sync planner: given what changed on each side and the stored links, decide what to do.

Pure and deterministic: no I/O, no clock, no randomness except the injected id factory
(the resource's, which chooses the ids of items Google has not seen yet).
The engine feeds it one Google item or one local item at a time, together with the link
and the other side's current state, and executes the actions it returns.

Rules, in the order they apply:

- A deletion on one side deletes on the other, and beats an edit on the other side (the
  edit is logged as the loser). Google reports deletions without a timestamp, so "last
  writer wins" cannot be applied to them; deleting is the choice that never resurrects
  what a user removed.
- An edit on one side only is copied to the other.
- Edits on both sides are merged field by field (sync/merge.py): fields changed on one side
  only are taken by the other; a field changed on both sides goes to the side modified last
  (a tie goes to Google, the copy that other attendees see), and the loser's value is logged.
  Equal content is not a conflict. Items without a field view fall back to the whole item,
  unless their store merges them itself (`Settings.merges`, contacts): Google's edit is then
  applied and merged there, and what stays local is pushed next.
- A paused local item (`LocalItem.paused`) takes nothing from Google and its link stays as
  agreed; a deletion on Google only drops the link.
- One-way settings never write to the side that is only read, and resolve every
  conflict in favour of the side that is the source.
- The resource's range rule (`Settings.out_of_range`; Calendar: events that ended before
  the sync start date) keeps an item from being *created* on the other side; items already
  linked keep syncing whatever their range.
- After a reset to "only new items" without Google's token for its time
  (`Settings.changes_from`), an unlinked Google item last changed before the reset is not
  imported: a token would not have listed it either.
"""

import json

from . import merge, sent
from .plan_types import (  # noqa: F401 - re-exported: callers import the vocabulary from plan
    AckLocal,
    Conflict,
    CreateLocal,
    CreateRemote,
    DeleteLocal,
    DeleteRemote,
    Direction,
    DropLink,
    DropQueue,
    ForgetLink,
    IgnoreRemote,
    LocalItem,
    MissRemote,
    QueueAll,
    Relink,
    RemoteItem,
    Settings,
    StartOver,
    UpdateLocal,
    UpdateRemote,
    as_utc,
)
from .reason import Reason
from .status import Link, LinkState

# -- Google side changed --------------------------------------------------------------------


def plan_remote(remote, link, local, settings, local_link=None):
    """Actions for one Google item.

    :param link: the link stored for `remote.google_id`, or None
    :param local: the local item of `link` (or of `remote.local_ref` when unlinked), or None
    :param local_link: the link stored for `remote.local_ref`, when `link` is None
    :returns: a list of actions, empty when there is nothing to do
    """
    if link is None:
        return _plan_unlinked_remote(remote, local, local_link, settings)
    if local is not None and local.paused:
        if remote.cancelled:
            return [ForgetLink(link)]  # Google's copy is gone: only the link goes, the local item stays
        return [] if remote.etag == link.remote_etag else [MissRemote(link)]
    if remote.cancelled:
        if not settings.direction.pulls:
            return [DropLink(link, Reason("recreated_on_google"))]
        conflict = None
        if _edited(local, link):
            conflict = Conflict(remote.google_id, link.local_id, "remote", Reason("local_edit_lost_to_deletion"))
        return [DeleteLocal(link, conflict)]
    if local is None or local.deleted:
        if not settings.direction.pushes:
            return [CreateLocal(remote)]
        conflict = None
        if remote.etag != link.remote_etag:
            conflict = Conflict(remote.google_id, link.local_id, "local", Reason("google_edit_lost_to_deletion"))
        return [DeleteRemote(link, conflict)]
    if remote.etag == link.remote_etag and not link.pending:
        return []  # our own write coming back, or a change already applied
    return _reconcile(remote, local, link, settings)


def _plan_unlinked_remote(remote, local, local_link, settings):
    if remote.cancelled:
        return []  # a deletion of something we never had
    # A pending link without a Google id is an insert whose answer never came (a resource whose
    # server assigns ids): this item is that insert, landed after all, so it is matched too.
    unanswered = local_link is not None and local_link.pending and local_link.google_id is None
    matched = remote.local_ref and local is not None and (local_link is None or unanswered)
    if matched and local.paused:
        # Our insert, landed after all, of an item paused since: linked as Google lists it, nothing else.
        return [MissRemote(Link(remote.google_id, local.local_id, remote_etag=remote.etag))]
    if matched and local.deleted:
        if settings.direction.pushes:
            return [DeleteRemote(Link(remote.google_id, local.local_id, remote_etag=remote.etag))]
        matched = False
    if matched:
        # Ours, but the link was lost (reset, or the status was restored from an older copy):
        # re-attach instead of importing a duplicate.
        link = Link(remote.google_id, local.local_id, local_fingerprint=None, remote_etag=None)
        return _reconcile(remote, local, link, settings)
    if settings.changes_from is not None and not changed_since(remote.updated, settings.changes_from):
        return []  # older than the reset that asked for new items only: not new, not wanted
    excluded = settings.excluded(remote)
    if excluded:
        return [IgnoreRemote(remote.google_id, excluded)]
    return [CreateLocal(remote)]


def _reconcile(remote, local, link, settings):
    """Both sides hold the item and Google's copy is new to us: merge field by field (sync/merge.py)."""
    base = merge.base_of(local.fields, remote.fields, sent.known(link.base, remote.sent))
    agreed = link.but(remote_etag=remote.etag, local_fingerprint=local.fingerprint, state=LinkState.LINKED, base=base)
    if remote.fingerprint is not None and remote.fingerprint == local.fingerprint:
        return [Relink(agreed.but(error=None))]
    linked = link.but(state=LinkState.LINKED)
    # After a lost run the link's fingerprint is stale too: an item edited back to it is still
    # an edit against what that run wrote, so the fields decide.
    if not settings.direction.pushes or not (_edited(local, link) or sent.newer(link.base, remote.sent)):
        return [UpdateLocal(remote, linked)]
    if local.fields is None or remote.fields is None:
        if settings.merges and settings.direction.pulls:
            # Edits on both sides, merged by the store (contacts: slot by slot, see
            # sync_contacts/store.py); what stays local is pushed next, over Google's new
            # version: nobody's edit is lost.
            return [UpdateLocal(remote, linked)]
        return _reconcile_whole(remote, local, link, settings)
    local_later = local_wins(local.updated, remote.updated)
    # A write of ours whose record a lost run took with it is part of the agreed version.
    names = set(local.fields) | set(remote.fields)
    result = merge.merge(
        local.fields,
        remote.fields,
        sent.rebased(link.base, remote.sent, names),
        True,
        local_later,
        settings.direction.pulls,
        settings.direction.pushes,
    )
    conflicts = tuple(_field_conflict(remote, local, loss) for loss in result.losses) or None
    if not result.to_remote and not settings.direction.pulls:
        return [Relink(agreed.but(error=None))]  # nothing of ours to send, and nothing may be read
    if not result.to_remote:
        return [UpdateLocal(remote, linked, conflicts)]
    return [
        UpdateRemote(local, linked.but(remote_etag=remote.etag), conflicts, result.to_remote, remote, result.to_local)
    ]


def _field_conflict(remote, local, loss):
    """One field both sides changed: the reason names the field and the value that lost."""
    value = loss.lost if isinstance(loss.lost, str) else json.dumps(loss.lost, sort_keys=True, default=str)
    if loss.winner == merge.LOCAL:
        reason = Reason("google_field_lost", field=loss.field, value=value, updated=stamp(remote.updated))
    else:
        reason = Reason("local_field_lost", field=loss.field, value=value, updated=stamp(local.updated))
    return Conflict(remote.google_id, local.local_id, loss.winner, reason)


def _reconcile_whole(remote, local, link, settings):
    """Items without a field view: the side modified last wins the whole item."""
    if not settings.direction.pulls or local_wins(local.updated, remote.updated):
        conflict = Conflict(
            remote.google_id, local.local_id, "local", Reason("google_edit_lost", updated=stamp(remote.updated))
        )
        return [UpdateRemote(local, link.but(remote_etag=remote.etag, state=LinkState.LINKED), conflict)]
    conflict = Conflict(
        remote.google_id, local.local_id, "remote", Reason("local_edit_lost", updated=stamp(local.updated))
    )
    return [UpdateLocal(remote, link.but(state=LinkState.LINKED), conflict)]


# -- local side changed ---------------------------------------------------------------------


def plan_local(local, link, settings, new_id):
    """Actions for one dirty local item.

    :param link: the link stored for `local.local_id`, or None
    :param new_id: item -> the Google id of an item Google has not seen yet, or None when the
        server assigns them (the pending link then waits for the insert's answer)
    """
    if local.deleted:
        if link is None and settings.ids_derived and new_id:
            # Google answers 404 unless a lost run inserted it: either way it is gone then.
            return [DeleteRemote(Link(new_id(local), local.local_id))]
        if link is None:
            return [AckLocal(local.local_id, None, Reason("deleted_unsynced"))]
        return [DeleteRemote(link)]
    if link is None:
        excluded = settings.excluded(local)
        if excluded:
            return [AckLocal(local.local_id, local.fingerprint, excluded, skipped=True)]
        google_id = new_id(local) if new_id else None
        pending = Link(google_id, local.local_id, local.fingerprint, None, LinkState.PENDING_CREATE)
        return [CreateRemote(local, pending)]
    if link.pending:
        # A previous insert may have landed: same id again, so Google answers 409 if it did.
        return [CreateRemote(local, link.but(local_fingerprint=local.fingerprint))]
    if local.fingerprint == link.local_fingerprint:
        return [AckLocal(local.local_id, local.fingerprint, Reason("unchanged"))]
    return [UpdateRemote(local, link, fields=_changed_fields(local, link))]


# -- helpers -------------------------------------------------------------------------------


def _changed_fields(local, link):
    """The fields a local edit changed since the agreed version, or None (send all) when unknown."""
    if local.fields is None or not link.base:
        return None
    return frozenset(merge.changed(local.fields, link.base.get(merge.LOCAL))) or None


def _edited(local, link):
    return local is not None and not local.deleted and local.fingerprint != link.local_fingerprint


def _millis(moment):
    # Google keeps milliseconds; comparing finer digits would let noise decide a conflict.
    if moment is None:
        return None
    return int(as_utc(moment).timestamp() * 1000)


def local_wins(local_updated, remote_updated):
    """Whether the local change is the later one, to the millisecond; a tie, or no local time, goes to Google."""
    local_ms, remote_ms = _millis(local_updated), _millis(remote_updated)
    if local_ms is None:
        return False
    if remote_ms is None:
        return True
    return local_ms > remote_ms


def changed_since(updated, moment):
    # An item whose time of change is unknown is not known to be new: left out.
    return updated is not None and _millis(updated) >= _millis(moment)


def stamp(value):
    return value.isoformat() if value else ""
