"""What one Calendar sync works on, and with which rights: the `Scope` every part of the store shares.

Events, recurrences, attendees, partners and alarms are read and written with the syncing
user's own rights, in the caller's transaction, with the `gcs_syncing` context so that applying
Google's changes queues nothing and mails nobody. What Odoo's rules refuse that user (a private
event of others they do not attend) is reported for that event, never done anyway. Only our
bookkeeping (the user's rows, connection and inbox) is written with sudo: those models are
closed to users, and the store reads and writes the syncing user's rows alone.
"""

from ..core.calendar.mapping_people import email_key

SYNC_CONTEXT = {
    "gcs_syncing": True,
    "no_mail_to_attendees": True,
    "active_test": False,
    "mail_create_nosubscribe": True,
    "mail_auto_subscribe_no_notify": True,
}


class Scope:
    """:param user: the syncing res.users; :param account: their google.calendar.account
    :param calendar_id: the Google calendar, when not the one the user syncs now (a reset
        deleting from the calendar the user synced before changing it)
    """

    def __init__(self, env, user, account, calendar_id=None):
        self.env = env
        # sudo: reads the user's own settings (calendar id, partner) whatever the caller; the
        # user record is never written through it.
        self.user = user.sudo()
        # sudo: the connection holds the sync token, which the store keeps; users cannot read it.
        self.account = account.sudo()
        self.calendar_id = calendar_id or user._gcs_calendar()
        self.google_email = email_key(self.account.google_email or user.email)
        # The user's own rights: Odoo's access rules decide what this sync may read and write.
        self.events = env["calendar.event"].with_user(user).with_context(**SYNC_CONTEXT)
        self.recurrences = self.events.env["calendar.recurrence"]
        # sudo: rows and inbox are bookkeeping closed to users; every search through them is
        # limited to the syncing user's rows (`user_id`), or reads other users' rows only to find
        # out whether they hold the same meeting.
        self.links = env["google.calendar.link"].sudo().with_context(**SYNC_CONTEXT)
        self.inbox = env["google.calendar.inbox"].sudo()

    def record(self, local_id):
        """The event, or the recurrence for an `r<id>`, named by a local id (empty if none)."""
        text = str(local_id or "")
        model = self.recurrences if text.startswith("r") else self.events
        try:
            return model.browse(int(text[1:] if text.startswith("r") else text)).exists()
        except ValueError:  # an odoo_id written by something else
            return model.browse()
