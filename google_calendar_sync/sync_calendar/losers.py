"""Every Odoo user whose edit lost a conflict is told in their own sync log, not only the syncing user.

A run's log belongs to the user who synced. An edit another user made in Odoo to a meeting that
user syncs (a guest renaming it) may lose to a later change on Google in that run: the row's
`changed_uid` names who made the local change, and they get a log row of their own with the
value they lost, worded in their language.
"""

from odoo import fields

from ..core.sync.merge import REMOTE
from ..core.sync.report import CONFLICT


def tell_losers(log, report, store):
    """Add a log row for each other user whose Odoo edit lost in this run (`log` is the run's)."""
    for note in report.notes:
        params = note.params or {}
        if note.outcome != CONFLICT or params.get("winner") != REMOTE or not note.local_id:
            continue
        record, editor = store.editor_of(note.local_id)
        if not editor or editor == store.scope.user:
            continue
        env = log.with_context(lang=editor.lang).env
        line = env._(
            "Your change to “%(event)s” (%(field)s) lost to a later change on Google. Your value was: %(value)s",
            event=record.display_name,
            field=params.get("field"),
            value=params.get("lost"),
        )
        # sudo: log rows are written by the sync only (see the log model).
        log.sudo().create(
            {
                "user_id": editor.id,
                "date_start": log.date_start,
                "date_end": fields.Datetime.now(),
                "trigger": log.trigger,
                "state": "done",
                "conflicts": 1,
                "notes": line,
            }
        )
