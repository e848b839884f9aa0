"""Every Odoo user whose edit lost a conflict is told in their own sync log, not only the syncing user.

A run's log belongs to the user who synced. An edit another user made in Odoo to an item that
user syncs (a guest renaming a meeting, a colleague changing a partner's phone) may lose to a
later change on Google in that run: the row's `changed_uid` names who made the local change,
and they get a log row of their own holding the same note (the field and the value they lost),
worded in their language when they read it. Events and contacts alike: `prefix` names the
part of the log the notes belong to ("" for events, "contacts_" for contacts).
"""

from odoo import fields

from ..core.sync.report import CONFLICT, SyncReport
from ..user_sync import log_texts

LOCAL_LOST = ("local_field_lost", "local_edit_lost", "local_edit_lost_to_deletion", "occurrence_edit_lost")


def tell_losers(log, report, store, prefix=""):
    """Add a log row for each other user whose Odoo edit lost in this run (`log` is the run's).

    :param store: has `editor_of(local_id)`, the user who made the local change (empty if unknown)
    """
    losers = {}
    for note in report.notes:
        if note.outcome != CONFLICT or getattr(note.reason, "kind", None) not in LOCAL_LOST or not note.local_id:
            continue
        editor = store.editor_of(note.local_id)
        if editor and editor != log.user_id:
            losers.setdefault(editor, []).append(note)
    for editor, notes in losers.items():
        mine = SyncReport()
        mine.notes = notes
        # sudo: log rows are written by the sync only (see the log model).
        log.sudo().create(
            {
                "user_id": editor.id,
                "date_start": log.date_start,
                "date_end": fields.Datetime.now(),
                "trigger": log.trigger,
                "state": "done",
                prefix + "conflicts": len(notes),
                prefix + "item_notes": log_texts.note_items(mine),
            }
        )
