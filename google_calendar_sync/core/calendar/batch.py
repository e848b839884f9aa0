"""The values of a Calendar batch: one `BatchCall` per event write, one `BatchResult` per call.

`CalendarClient.batch` turns calls into HTTP parts; these classes only describe them,
so the planner can build a batch without knowing any URL.
"""

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class BatchCall:
    """One events call inside a batch. Build it with the class methods.

    :param tag: anything the caller wants back on the result (a local id, an action)
    :param calendar_id: None for the client's calendar
    """

    method: str
    event_id: str = None
    body: dict = None
    etag: str = None
    send_updates: str = "none"
    calendar_id: str = None
    tag: object = None

    @classmethod
    def insert(cls, body, send_updates="none", tag=None, calendar_id=None):
        """An insert; an `id` is added when the body has none, so a retried part answers 409, not a copy."""
        body = dict(body)
        body.setdefault("id", uuid.uuid4().hex)
        return cls("POST", None, body, None, send_updates, calendar_id, tag)

    @classmethod
    def update(cls, event_id, body, etag=None, send_updates="none", tag=None, calendar_id=None):
        return cls("PUT", event_id, body, etag, send_updates, calendar_id, tag)

    @classmethod
    def patch(cls, event_id, body, etag=None, send_updates="none", tag=None, calendar_id=None):
        return cls("PATCH", event_id, body, etag, send_updates, calendar_id, tag)

    @classmethod
    def delete(cls, event_id, etag=None, send_updates="none", tag=None, calendar_id=None):
        return cls("DELETE", event_id, None, etag, send_updates, calendar_id, tag)

    @classmethod
    def get(cls, event_id, tag=None, calendar_id=None):
        return cls("GET", event_id, None, None, "none", calendar_id, tag)


@dataclass
class BatchResult:
    """The answer to one BatchCall. `error` is a typed exception instance (not raised) or None.

    `status` is the part's HTTP status, or 0 when the whole HTTP batch failed (then
    `error` says why, e.g. Transient).
    """

    call: BatchCall
    status: int
    body: dict = None
    error: Exception = None

    @property
    def ok(self):
        return self.error is None
