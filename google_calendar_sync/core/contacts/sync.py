"""A contacts sync in one call: the engine's settings and the contacts' together, and the engine
built over a `ContactsResource`, so callers (the Odoo side, the tests) build it in one place.
"""

import dataclasses

from ..sync.engine import SyncEngine, SyncSettings
from .client import MAX_BATCH, MAX_PAGE
from .resource import ContactsResource, ContactsSettings


@dataclasses.dataclass(frozen=True)
class ContactsSyncSettings(SyncSettings):
    """SyncSettings with People's limits (pages of 1000, batches of 200) plus ContactsSettings."""

    max_batch = MAX_BATCH
    page_size: int = MAX_PAGE
    batch_size: int = MAX_BATCH
    database: str | None = None
    signing_key: bytes | None = dataclasses.field(default=None, repr=False)
    groups: bool = False

    @property
    def contacts(self):
        return ContactsSettings(self.database, self.signing_key, self.groups)


class ContactsSyncEngine(SyncEngine):
    """The engine syncing the client's contacts with `store`.

    :param client: a PeopleClient
    :param settings: ContactsSyncSettings
    """

    def __init__(self, client, store, settings=None):
        settings = settings or ContactsSyncSettings()
        super().__init__(ContactsResource(client, settings.contacts), store, settings)
        self.client = client
