"""`Lookups`: the partners, alarms and users a Google event names, found for one write.

The mapper (mapper.py) asks it for the records behind a Google event's addresses and
reminders; it finds them in as few queries as a page of events allows, and creates the
partners and alarms that do not exist yet, with the syncing user's rights.
"""

from odoo.osv import expression

from ..core.mapping_people import email_key
from .mapper import GOOGLE_TO_ALARM


class Lookups:
    """The partners, alarms and users a Google event names, found by address or by delay.

    One instance serves one write: a single event, or a page of new events whose addresses
    `prefetch` finds in one query each instead of one per guest. Nothing found is kept
    longer, since a savepoint rolled back would leave it naming records that are gone.
    """

    def __init__(self, env):
        self.env = env
        self._partners = {}  # email key -> res.partner
        self._alarms = None  # (alarm type, minutes) -> calendar.alarm
        self._users = {}  # email key -> the res.users of a Google address, or an empty recordset

    def prefetch(self, events):
        """Find at once every partner and organizer these events name; create the missing partners at once."""
        names = {}
        for event in events:
            for attendee in event.attendees:
                if "@" in attendee.email and not attendee.resource:
                    names.setdefault(email_key(attendee.email), (attendee.email, attendee.name))
        self._search_partners(set(names) - set(self._partners))
        missing = [key for key in names if key not in self._partners]
        created = self.env["res.partner"].create(
            [{"name": names[key][1] or names[key][0], "email": names[key][0]} for key in missing]
        )
        self._partners.update(zip(missing, created, strict=True))
        self._search_users({email_key(e.organizer_email) for e in events if e.organizer_email} - set(self._users))

    def _search_partners(self, keys):
        if not keys:
            return
        found = {}
        partners = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("email_normalized", "in", list(keys))], order="active desc, id")
        )
        for partner in partners:
            found.setdefault(partner.email_normalized, []).append(partner)
        for key, candidates in found.items():
            # A user's partner first (the address is a colleague's), then the oldest active one.
            self._partners[key] = next((p for p in candidates if p.user_ids), candidates[0])

    def _search_users(self, keys):
        if not keys:
            return
        # sudo: finding the Odoo user of a Google address reads connections (closed to users) and
        # users' addresses; only the user found is kept, as the organizer or a guest, never shown.
        accounts = (
            self.env["google.calendar.account"]
            .sudo()
            .search(expression.OR([[("google_email", "=ilike", key)] for key in keys]))
        )
        by_google = {}
        for account in accounts:
            by_google.setdefault(email_key(account.google_email), account.user_id)
        users = self.env["res.users"].sudo().search([("partner_id.email_normalized", "in", list(keys))])
        by_email = {}
        for user in users:
            by_email.setdefault(user.partner_id.email_normalized, user)
        for key in keys:
            self._users[key] = by_google.get(key) or by_email.get(key) or self.env["res.users"]

    def partner(self, email, name=""):
        """The partner of an address: a user's partner first, then any; created when unknown."""
        key = email_key(email)
        if key not in self._partners:
            self._search_partners({key})
        if key not in self._partners:
            self._partners[key] = self.env["res.partner"].create({"name": name or email, "email": email})
        return self._partners[key]

    def user(self, email):
        """The Odoo user of a Google address (whose connected account, else whose email, it is), or empty."""
        key = email_key(email)
        if key not in self._users:
            self._search_users({key})
        return self._users[key]

    def alarm(self, reminder):
        """The calendar.alarm for a Google reminder, created when no alarm has that type and delay."""
        alarm_type = GOOGLE_TO_ALARM[reminder.method]
        if self._alarms is None:
            self._alarms = {}
            alarms = self.env["calendar.alarm"].search([("alarm_type", "in", list(GOOGLE_TO_ALARM.values()))])
            for alarm in alarms:
                self._alarms.setdefault((alarm.alarm_type, alarm.duration_minutes), alarm)
        key = (alarm_type, reminder.minutes)
        if key not in self._alarms:
            self._alarms[key] = self._create_alarm(alarm_type, reminder.minutes)
        return self._alarms[key]

    def _create_alarm(self, alarm_type, minutes):
        env = self.env
        if minutes and minutes % 1440 == 0:
            duration, interval, unit = minutes // 1440, "days", env._("Days")
        elif minutes and minutes % 60 == 0:
            duration, interval, unit = minutes // 60, "hours", env._("Hours")
        else:
            duration, interval, unit = minutes, "minutes", env._("Minutes")
        label = env._("Email") if alarm_type == "email" else env._("Notification")
        return env["calendar.alarm"].create(
            {
                "name": "%s - %s %s" % (label, duration, unit),
                "alarm_type": alarm_type,
                "duration": duration,
                "interval": interval,
            }
        )
