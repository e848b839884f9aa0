"""The values of a contacts batch: one `ContactCall` per write, one `ContactResult` per call.

`ContactsResource.batch` (resource.py) groups the calls into People's batch methods; these
classes only describe them, so the engine can build a batch without knowing any URL.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ContactCall:
    """:param verb: create, update or delete; :param person: the body (with its etag for an update)"""

    verb: str
    resource_name: str | None = None
    person: dict | None = None
    tag: object = None


@dataclass
class ContactResult:
    """The answer to one call. `body` holds `id` (the resource name) and `etag` of what Google
    now has; `status` is 0 when the request as a whole failed (then `error` says why)."""

    call: ContactCall
    status: int
    body: dict | None = None
    error: Exception | None = None

    @property
    def ok(self):
        return self.error is None


def written(call, person, status=200):
    """The result of a call Google carried out, `person` being its answer (None for a delete)."""
    person = person or {}
    return ContactResult(
        call, status, {"id": person.get("resourceName") or call.resource_name, "etag": person.get("etag")}
    )
