"""The marker a write carries of the base it sets (core/sync/sent.py), and its trip through Google's JSON."""

import datetime

from google_calendar_sync.core.calendar.mapping import from_google, to_google
from google_calendar_sync.core.calendar.model import Event
from google_calendar_sync.core.contacts.mapping import from_person, to_person
from google_calendar_sync.core.contacts.model import Contact
from google_calendar_sync.core.sync import sent
from google_calendar_sync.core.sync.merge import LOCAL, REMOTE, SENT, base_of, merge

KEY = b"user-key"
LOCAL_FIELDS = {"summary": "Review", "description": "d2", "answer:ann@example.com": "declined"}
REMOTE_FIELDS = dict(LOCAL_FIELDS)


def marker(counter=3, names=("description",)):
    return sent.make(counter, names, LOCAL_FIELDS, REMOTE_FIELDS)


def test_a_marker_reads_back_as_written():
    written = marker()
    assert sent.decode(sent.encode(written, KEY, "ev1"), KEY, "ev1") == written


def test_a_marker_signed_for_another_event_or_user_is_none():
    pieces = sent.encode(marker(), KEY, "ev1")
    assert sent.decode(pieces, KEY, "ev2") is None, "copied onto another event"
    assert sent.decode(pieces, b"other-key", "ev1") is None, "another user's, or typed by hand"
    forged = [pieces[0].replace(".3.", ".9.", 1)]
    assert forged != pieces
    assert sent.decode(forged, KEY, "ev1") is None, "a counter raised by hand"


def test_a_marker_too_large_for_google_carries_its_counter_alone():
    names = ["answer:guest%d@example.com" % n for n in range(sent.MAX_CHUNKS * sent.CHUNK // 40 + 1)]
    pieces = sent.encode(sent.make(4, names, {}, {}), KEY, "ev1")
    assert sent.decode(pieces, KEY, "ev1") == sent.Sent(4, {})
    base = base_of({"description": "d1"}, {"description": "d1"}, 3)
    assert sent.newer(base, sent.Sent(4, {})) and sent.rebased(base, sent.Sent(4, {}), {"description"}) is base


def test_a_large_marker_is_split_and_each_piece_fits_a_property():
    names = ["answer:guest%d@example.com" % n for n in range(60)]
    written = sent.make(5, names, {}, {})
    pieces = sent.encode(written, KEY, "ev1")
    assert len(pieces) > 1 and all(len(piece) <= 1024 for piece in pieces)
    assert sent.decode(pieces, KEY, "ev1") == written
    assert sent.decode(pieces[:-1], KEY, "ev1") is None, "a piece missing"


def test_a_newer_marker_replaces_the_fields_it_carried_and_only_those():
    stale = base_of({"summary": "Review", "description": "d1"}, {"summary": "Review", "description": "d1"}, 2)
    rebased = sent.rebased(stale, marker(counter=3), {"summary", "description"})
    assert rebased[SENT] == 3
    assert rebased[LOCAL]["summary"] == stale[LOCAL]["summary"]
    assert rebased[LOCAL]["description"] != stale[LOCAL]["description"]
    assert rebased[REMOTE]["description"] == base_of({"d": "d2"}, {"d": "d2"})[REMOTE]["d"]


def test_a_marker_the_base_already_knows_changes_nothing():
    base = base_of({"description": "d1"}, {"description": "d1"}, 3)
    assert sent.rebased(base, marker(counter=3), {"description"}) is base
    assert not sent.newer(base, marker(counter=3))
    assert sent.next_counter(base, marker(counter=3)) == 4


def test_after_a_lost_run_google_s_later_edit_of_the_field_it_sent_is_a_google_change():
    """The lost run sent d2; Google then wrote d3 and the item another field locally: d3 stays."""
    stale = base_of({"description": "d1", "location": "a"}, {"description": "d1", "location": "a"}, 1)
    local = {"description": "d2", "location": "b"}
    remote = {"description": "d3", "location": "a"}
    base = sent.rebased(stale, sent.make(2, ["description"], local, {"description": "d2"}), set(local))
    result = merge(local, remote, base, local_later=True)
    assert (result.to_local, result.to_remote, result.losses) == ({"description"}, {"location"}, ())
    # Against the stale base the local d2 wins the "conflict", as it did before markers.
    assert merge(local, remote, stale, local_later=True).to_remote == {"description", "location"}


def test_the_marker_travels_in_private_properties_and_never_reaches_the_user_s():
    names = ["answer:guest%d@example.com" % n for n in range(60)]
    pieces = sent.encode(sent.make(7, names, {}, {}), KEY, "abcdef12345")
    event = Event(
        google_id="abcdef12345",
        summary="Review",
        start=datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC),
        end=datetime.datetime(2030, 1, 1, 10, tzinfo=datetime.UTC),
        private_properties={"theirs": "1"},
        sent=pieces,
    )
    body = to_google(event)
    assert set(body["extendedProperties"]["private"]) == {"theirs", "odoo_sent"} | {
        "odoo_sent_%d" % n for n in range(1, len(pieces))
    }
    # A piece left behind by an earlier, longer marker is taken out too, and ignored.
    body["extendedProperties"]["private"]["odoo_sent_%d" % len(pieces)] = "stale"
    read = from_google(body).event
    assert read.private_properties == {"theirs": "1"}
    assert sent.decode(read.sent, KEY, "abcdef12345").counter == 7


def test_a_contact_s_marker_travels_in_client_data_beside_our_id():
    pieces = tuple(sent.encode(marker(), KEY, "42"))
    person = to_person(Contact(fields={"names": ({"unstructuredName": "Ann"},)}, local_id="42", sent=pieces))
    person["resourceName"] = "people/c1"
    keys = [item["key"] for item in person["clientData"]]
    assert keys == ["odoo_id", "odoo_sent"]
    read = from_person(person)
    assert (read.local_id, read.sent) == ("42", pieces)
    assert sent.decode(list(read.sent), KEY, "42") == marker()
