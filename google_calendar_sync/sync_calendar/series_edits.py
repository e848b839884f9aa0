"""Occurrences edited on their own in Odoo ("this event") while Google changes their series: `OwnEdits`.

Google holds such an occurrence as an instance of the series. A change of the series on Google
leaves its instances' own values alone (a change Google makes to an instance arrives as that
instance), so applying the series here must too:

- an occurrence whose edit Google has already (its row is in sync) keeps all its values;
- an occurrence whose edit has not reached Google yet (its row is queued) keeps the fields it
  changed and takes the series' change of the others, then its edit is sent as usual;
- an occurrence Google's new times or rule no longer have goes, as on Google; when it held an
  edit not sent yet, the loss is recorded (`losses`) so the run's log says so.
"""

from .records import local_id

# The values a series gives its occurrences that an occurrence may change on its own.
OWN = ("name", "location", "description", "privacy", "show_as", "videocall_location", "alarm_ids", "partner_ids")


class OwnEdits:
    def __init__(self, scope):
        self.user = scope.user
        self.links = scope.links
        self.losses = []  # (local id, google id, occurrence name): unsent edits Google's series dropped

    def read(self, recurrence, base):
        """{occurrence: fields it keeps} before the series is written: None keeps every field."""
        occurrences = recurrence.calendar_event_ids - base
        rows = self.links.search([("user_id", "=", self.user.id), ("event_id", "in", occurrences.ids)])
        kept = {}
        for row in rows:
            occurrence = row.event_id
            if row.dirty:
                kept[occurrence] = {name for name in OWN if occurrence[name] != base[name]}
            elif occurrence._gcs_is_exception():
                kept[occurrence] = None
        return kept

    def apply(self, kept, values):
        """Give the occurrences of `kept` what the series changed of the fields they keep not."""
        for occurrence, own in kept.items():
            if own is not None and occurrence.exists():
                occurrence.write({name: value for name, value in values.items() if name not in own})

    def takes_guests(self, kept, occurrence):
        own = kept.get(occurrence, set())
        return own is not None and "partner_ids" not in own

    def dropped(self, kept, occurrences, google_id):
        """Note the occurrences Google's new times removed that held an edit not sent yet."""
        for occurrence in occurrences:
            if kept.get(occurrence, False) not in (False, None):
                self.losses.append((local_id(occurrence), google_id, occurrence.name))
