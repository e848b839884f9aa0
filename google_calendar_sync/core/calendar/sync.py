"""A Calendar sync in one call: the engine's settings and Calendar's together, and the engine
built over a `CalendarResource`, so callers (the Odoo side, the tests) build it in one place.
"""

import dataclasses
from datetime import date

from ..sync.engine import SyncEngine, SyncSettings
from .resource import CalendarResource, CalendarSettings


@dataclasses.dataclass(frozen=True)
class CalendarSyncSettings(SyncSettings):
    """SyncSettings plus CalendarSettings' fields (see both), as one per-user value."""

    send_updates: str = "all"
    since: date | None = None
    database: str | None = None
    signing_key: bytes | None = dataclasses.field(default=None, repr=False)
    calendar_key: str = ""

    def __post_init__(self):
        super().__post_init__()
        self.calendar  # noqa: B018 - validates Calendar's fields

    @property
    def calendar(self):
        return CalendarSettings(self.send_updates, self.since, self.database, self.signing_key, self.calendar_key)


class CalendarSyncEngine(SyncEngine):
    """The engine syncing the client's calendar with `store`.

    :param client: a CalendarClient
    :param settings: CalendarSyncSettings
    :param new_id: factory of event ids replacing the derived ones (CalendarResource)
    """

    def __init__(self, client, store, settings=None, new_id=None):
        settings = settings or CalendarSyncSettings()
        super().__init__(CalendarResource(client, settings.calendar, new_id), store, settings)
        self.client = client
