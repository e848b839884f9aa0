"""The values that apply a Google event to a record, with the guests the syncing user may bring in.

Shared by the writers of single events (apply.py), series and instances (series.py,
instances.py) and the page importer (importer.py): the mapper's values (mapper.py) for the
organizer Odoo should record, and the guests `Trust.admitted_guests` lets in.
"""

from . import mapper
from .lookups import Lookups


def role(event):
    """Whose copy of a Google event the user holds: their own event, or someone else's."""
    return "organizer" if event.organizer_self or not event.organizer_email else "attendee"


class Values:
    def __init__(self, scope, trust):
        self.user = scope.user
        self.events = scope.events
        self.trust = trust

    def lookups(self):
        """A `Lookups` for one write, in the syncing user's environment."""
        return Lookups(self.events.env)

    def organizer(self, event, record, lookups):
        """The Odoo user who organizes the event: us, the Odoo user of Google's organizer, or
        nobody for an organizer outside Odoo (Odoo's event then has no organizer: the syncing
        user, a guest, must not look like its owner nor be offered an organizer's edits)."""
        if event.organizer_self or not event.organizer_email:
            return self.user
        return lookups.user(event.organizer_email)

    def of(self, event, record, lookups):
        """The create/write values applying `event` to `record` (empty for a new one), and its guests."""
        values = mapper.values_from_event(lookups, event, self.organizer(event, record, lookups))
        wanted = self.trust.admitted_guests(mapper.guests(lookups, event, self.user), event, lookups)
        return values, wanted
