"""The People API v1 adapter for one user's contacts: the only code that knows its URLs and rules.

It speaks through a `Transport` (auth, retries with backoff on 429 RESOURCE_EXHAUSTED, typed
errors) and returns Person dicts as Google sends them. Rules Google punishes, kept here:
every page of a listing repeats the same query; a sync-token listing repeats the personFields
of the one that issued the token; the batch mutations take at most 200 contacts (500 names
for a delete) and are all-or-nothing.
"""

import base64
from urllib.parse import quote

import requests

from ..google.api_errors import decode_body, error_for
from ..google.paging import iter_responses
from .mapping import update_mask
from .model import CLIENT_DATA, SYNCED_FIELDS

PEOPLE_API = "https://people.googleapis.com"
MAX_PAGE = 1000  # connections.list pageSize
MAX_BATCH = 200  # batchCreateContacts / batchUpdateContacts
MAX_BATCH_DELETE = 500
# What every read asks for: our fields, our ids, and metadata (the deleted flag, updateTime).
PERSON_FIELDS = ",".join(SYNCED_FIELDS + (CLIENT_DATA, "metadata", "photos", "memberships"))
MAX_MEMBERS = 1000  # contactGroups.members.modify: names added and removed per request


class ContactPages:
    """The pages (lists of Person dicts) of one connections listing, fetched as they are iterated.

    After the last page, `next_sync_token` holds the token of the next incremental listing.

    :raises FullSyncRequired: the sync token expired (400 EXPIRED_SYNC_TOKEN)
    """

    def __init__(self, client, params):
        self._client = client
        self.params = params
        self.next_sync_token = None
        self.pages_read = 0

    def __iter__(self):
        url = self._client.url("/v1/people/me/connections")
        fetch = lambda params: self._client.session.json("GET", url, params=params)  # noqa: E731
        for data in iter_responses(fetch, self.params, "connections.list"):
            self.pages_read += 1
            yield data.get("connections") or []
            if not data.get("nextPageToken"):
                self.next_sync_token = data.get("nextSyncToken")


class PeopleClient:
    """People v1 for the contacts of the user whose Transport this is.

    :param session: a Transport
    :param api_base: scheme and host of the People API, or the emulator's
    """

    def __init__(self, session, api_base=PEOPLE_API):
        self.session = session
        self.api_base = api_base.rstrip("/")
        self.photo_session = requests.Session()  # unauthenticated, for photo URLs

    def url(self, path):
        return self.api_base + path

    def _contact_url(self, resource_name, verb=""):
        return self.url("/v1/" + quote(resource_name, safe="/") + verb)

    # -- reading ------------------------------------------------------------
    def iter_pages(self, sync_token=None, page_size=MAX_PAGE):
        """A full listing (no token) or the changes since `sync_token`, deletions included."""
        params = {
            "personFields": PERSON_FIELDS,
            "pageSize": max(1, min(int(page_size), MAX_PAGE)),
            "requestSyncToken": "true",
        }
        if sync_token:
            params["syncToken"] = sync_token
        return ContactPages(self, params)

    def get(self, resource_name):
        """:raises NotFound: deleted or never existed"""
        return self.session.json("GET", self._contact_url(resource_name), params={"personFields": PERSON_FIELDS})

    # -- writing one --------------------------------------------------------
    def create(self, person):
        # POST without an id of ours: a timeout may have created it, so no blind retry (the
        # next listing finds it by the local id in its clientData instead).
        return self.session.json(
            "POST", self.url("/v1/people:createContact"), params={"personFields": PERSON_FIELDS}, json=person
        )

    def update(self, resource_name, person):
        """:param person: carries the etag Google checks (400 FAILED_PRECONDITION when stale)"""
        params = {"updatePersonFields": update_mask(), "personFields": PERSON_FIELDS}
        return self.session.json(
            "PATCH", self._contact_url(resource_name, ":updateContact"), params=params, json=person
        )

    def delete(self, resource_name):
        self.session.json("DELETE", self._contact_url(resource_name, ":deleteContact"))

    # -- photos -------------------------------------------------------------
    def update_photo(self, resource_name, data):
        """Set the contact's photo from image bytes; returns the Person (new etag and photo URL)."""
        body = {"photoBytes": base64.b64encode(data).decode("ascii"), "personFields": PERSON_FIELDS}
        url = self._contact_url(resource_name, ":updateContactPhoto")
        return self.session.json("PATCH", url, json=body).get("person") or {}

    def delete_photo(self, resource_name):
        url = self._contact_url(resource_name, ":deleteContactPhoto")
        return self.session.json("DELETE", url, params={"personFields": PERSON_FIELDS}).get("person") or {}

    def fetch_photo(self, url):
        """The bytes behind a photo URL. Google serves them without a token: none is sent, so
        our token never reaches the image host."""
        response = self.photo_session.get(url, timeout=self.session.timeout)
        if response.status_code >= 400:
            raise error_for(response.status_code, decode_body(response.content))
        return response.content

    # -- contact groups -----------------------------------------------------
    def list_groups(self):
        """{resource name: name} of the user's own contact groups (system groups left out)."""
        fetch = lambda params: self.session.json("GET", self.url("/v1/contactGroups"), params=params)  # noqa: E731
        found = {}
        for data in iter_responses(fetch, {"pageSize": 1000, "groupFields": "name,groupType"}, "contactGroups.list"):
            for group in data.get("contactGroups") or ():
                if group.get("groupType") == "USER_CONTACT_GROUP":
                    found[group["resourceName"]] = group.get("name") or ""
        return found

    def create_group(self, name):
        """The new group's resource name."""
        body = {"contactGroup": {"name": name}}
        return self.session.json("POST", self.url("/v1/contactGroups"), json=body, idempotent=False)["resourceName"]

    def modify_members(self, group, add=(), remove=()):
        body = {"resourceNamesToAdd": list(add), "resourceNamesToRemove": list(remove)}
        if len(body["resourceNamesToAdd"]) + len(body["resourceNamesToRemove"]) > MAX_MEMBERS:
            raise ValueError("at most %d members per request" % MAX_MEMBERS)
        url = self.url("/v1/%s/members:modify" % quote(group, safe="/"))
        return self.session.json("POST", url, json=body, idempotent=True)

    # -- writing many (all or nothing) --------------------------------------
    def batch_create(self, persons):
        """The created Persons, in order."""
        _check(persons, MAX_BATCH)
        body = {"contacts": [{"contactPerson": p} for p in persons], "readMask": PERSON_FIELDS}
        data = self.session.json("POST", self.url("/v1/people:batchCreateContacts"), json=body, idempotent=False)
        return [entry.get("person") or {} for entry in data.get("createdPeople") or []]

    def batch_update(self, persons):
        """:param persons: {resource name: Person with its etag}; returns {resource name: Person}"""
        _check(persons, MAX_BATCH)
        body = {"contacts": persons, "updateMask": update_mask(), "readMask": PERSON_FIELDS}
        data = self.session.json("POST", self.url("/v1/people:batchUpdateContacts"), json=body, idempotent=True)
        return {name: entry.get("person") or {} for name, entry in (data.get("updateResult") or {}).items()}

    def batch_delete(self, resource_names):
        _check(resource_names, MAX_BATCH_DELETE)
        body = {"resourceNames": list(resource_names)}
        self.session.json("POST", self.url("/v1/people:batchDeleteContacts"), json=body, idempotent=True)


def _check(items, limit):
    if not items or len(items) > limit:
        raise ValueError("a batch takes 1 to %d contacts, not %d" % (limit, len(items)))
