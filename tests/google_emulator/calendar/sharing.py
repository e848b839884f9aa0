"""Attendees across emulated accounts: their copies of an event, and the emails Google sends.

When an attendee is another emulated account, their primary calendar holds a copy of
the organizer's event with the same id and iCalUID. The organizer's record is the source
of truth for everything shared; a copy keeps only what belongs to its attendee (their
reminders, transparency, colour and private extended properties) and is rebuilt from the
organizer's record after every organizer-side write. A copy is cancelled when the event
is, when its attendee is removed, or when the attendee deleted it (which declines).

Emails follow sendUpdates: `all` mails every attendee but the organizer, `externalOnly`
only attendees who are not emulated accounts, `none` nobody. The sender is the organizer,
except for a `reply` (an attendee's answer), which the attendee sends.
"""

from .render import html_link

# What an attendee may change on their own copy; everything else is the organizer's.
PRIVATE = ("reminders", "transparency", "colorId")
# Changes worth an "update" email to guests who stay on the event.
RELEVANT = ("summary", "description", "location", "start", "end", "recurrence", "status")
VOLATILE = ("etag", "updated", "created", "_seq", "_bounds")


def attendee_emails(record):
    return {a["email"].lower() for a in (record or {}).get("attendees") or []}


class Sharing:
    def __init__(self, store):
        self.store = store
        self.world = store.world

    def is_account(self, email):
        return self.world.account(email) is not None

    # -- attendee entries ------------------------------------------------------------
    def settle_attendees(self, record, previous, trusted=False):
        """Response statuses after a write. An emulated guest's answer is theirs alone: the
        organizer cannot set it (a seed may). The organizer's own entry defaults to accepted."""
        organizer = record["organizer"]["email"]
        before = {a["email"].lower(): a for a in previous or []}
        settled = []
        for attendee in record["attendees"]:
            entry = dict(attendee)
            known = (before.get(entry["email"].lower()) or {}).get("responseStatus")
            given = entry.get("responseStatus")
            if entry["email"].lower() == organizer:
                entry["responseStatus"] = given or known or "accepted"
            elif self.is_account(entry["email"]) and not trusted:
                entry["responseStatus"] = known or "needsAction"
            else:
                entry["responseStatus"] = given or known or "needsAction"
            settled.append(entry)
        return settled

    def guests(self, cal, record):
        """Emulated accounts, other than the organizer, that get a copy of `record`."""
        if not record:
            return set()
        organizer = record["organizer"]["email"]
        return {e for e in attendee_emails(record) if e not in (organizer, cal["owner"]) and self.is_account(e)}

    # -- after an organizer-side write -------------------------------------------------
    def after_write(self, cal, previous, record, mode):
        if "_origin" in record:
            return
        self.propagate(cal, previous, record)
        self.notify(cal, previous, record, mode)

    def propagate(self, cal, previous, record):
        now = self.guests(cal, record)
        before = self.guests(cal, previous)
        for email in sorted(now | before):
            guest_cal = self.store.ensure_primary(email)
            existing = self.store.events[guest_cal["id"]].get(record["id"])
            if existing is not None and existing.get("_origin") != cal["id"]:
                continue  # the guest has an unrelated event with this id; leave it alone
            present = email in now
            # A cancelled event needs no new copy, except a cancelled instance of a series the
            # guest holds: their copy of the series must lose that instance too.
            parent = record.get("recurringEventId")
            holds_series = parent and parent in self.store.events[guest_cal["id"]]
            if existing is None and (not present or (record["status"] == "cancelled" and not holds_series)):
                continue
            copy = self.build_copy(cal, record, existing, present, newly_added=email not in before)
            copy["htmlLink"] = html_link(record["id"], guest_cal["id"])
            if existing is None or _content(existing) != _content(copy):
                self.store.commit(guest_cal, copy)

    def build_copy(self, cal, record, existing, present, newly_added=False):
        copy = {k: v for k, v in record.items() if k not in PRIVATE and k not in VOLATILE and not k.startswith("_")}
        copy.pop("extendedProperties", None)
        if existing is not None:
            copy.update({k: existing[k] for k in PRIVATE if k in existing})
            copy["created"] = existing["created"]
        else:
            copy["reminders"] = {"useDefault": True}
            copy["created"] = record["created"]
        props = {}
        if (record.get("extendedProperties") or {}).get("shared"):
            props["shared"] = record["extendedProperties"]["shared"]
        if existing is not None and (existing.get("extendedProperties") or {}).get("private"):
            props["private"] = existing["extendedProperties"]["private"]
        if props:
            copy["extendedProperties"] = props
        copy["_origin"] = cal["id"]
        hidden = existing is not None and existing.get("_hidden") and not newly_added
        if hidden:
            copy["_hidden"] = True
        if not present or hidden:
            copy["status"] = "cancelled"
        return copy

    # -- emails -------------------------------------------------------------------------
    def notify(self, cal, previous, record, mode):
        if mode == "none":
            return
        organizer = record["organizer"]["email"]
        now, before = attendee_emails(record), attendee_emails(previous)
        cancelled = record["status"] == "cancelled"
        was_cancelled = previous is not None and previous["status"] == "cancelled"
        if previous is None or (was_cancelled and not cancelled):
            plan = [("invitation", now)]
        elif cancelled and not was_cancelled:
            plan = [("cancellation", now | before)]
        elif cancelled:
            plan = []
        else:
            changed = any(previous.get(name) != record.get(name) for name in RELEVANT)
            plan = [
                ("invitation", now - before),
                ("cancellation", before - now),
                ("update", (now & before) if changed else set()),
            ]
        for kind, emails in plan:
            for email in sorted(emails):
                if email in (organizer, cal["owner"]) or (mode == "externalOnly" and self.is_account(email)):
                    continue
                self.world.send_email(kind, email, record["id"], record.get("summary", ""), organizer)

    def reply(self, record, attendee, mode):
        organizer = record["organizer"]["email"]
        if mode == "all" or (mode == "externalOnly" and not self.is_account(organizer)):
            self.world.send_email("reply", organizer, record["id"], record.get("summary", ""), attendee)


def _content(record):
    return {k: v for k, v in record.items() if k not in VOLATILE}
