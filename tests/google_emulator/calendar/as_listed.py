"""Events stored exactly as a real listing showed them, without the API's checks (a control route).

Real calendars hold events the API would refuse today, and their listings return them as
stored: an end before the start or no start at all (imported from an ICS file or another
server, or written before a check existed), a time zone no IANA database knows (O: the
real-world listings behind issue 14; third-party syncs crashed on such items). The API keeps
its checks; only this control route (`store_as_listed`) puts such an event in a calendar, so a
client can be tested against what it must survive. Google's own fields (id, etag, updated,
organizer, iCalUID) are filled in as for any event when the payload leaves them out.
"""

from .render import html_link
from .store import new_id


def store_as_listed(store, cal, email, payload):
    record = {
        "kind": "calendar#event",
        "id": payload.get("id") or new_id(),
        "status": "confirmed",
        "creator": {"email": email.lower()},
        "organizer": {"email": cal["id"]} if cal["primary"] else {"email": cal["id"], "displayName": cal["summary"]},
        "reminders": {"useDefault": True},
        "eventType": "default",
        "sequence": 0,
    }
    record.update({key: value for key, value in payload.items() if not key.startswith("_")})
    record.setdefault("htmlLink", html_link(record["id"], cal["id"]))
    record.setdefault("iCalUID", record["id"] + "@google.com")
    return store.commit(cal, record)
