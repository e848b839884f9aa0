"""Recurring events over HTTP: instances, instance ids, exceptions, events.instances, splitting a series."""

import pytest
from calendar_support import error_of, timed

TZ = "Europe/Brussels"


def weekly(alice, count=4, summary="Weekly", **fields):
    start, end = timed("2030-01-07", 10, tz=TZ)
    return alice.insert(
        {"summary": summary, "start": start, "end": end, "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=%d" % count], **fields}
    )


def instance_id(parent, day):
    # 10:00 in Brussels in winter is 09:00 UTC.
    return "%s_2030%sT090000Z" % (parent["id"], day)


def ids(items):
    return [i["id"] for i in items]


def test_single_events_expands_and_omits_the_parent(alice):
    parent = weekly(alice)
    items, _ = alice.items(singleEvents="true")
    assert ids(items) == [instance_id(parent, d) for d in ("0107", "0114", "0121", "0128")]
    second = items[1]
    assert second["recurringEventId"] == parent["id"]
    assert second["originalStartTime"] == {"dateTime": "2030-01-14T10:00:00+01:00", "timeZone": TZ}
    assert second["start"] == second["originalStartTime"]
    assert "recurrence" not in second and second["iCalUID"] == parent["iCalUID"]


def test_without_single_events_the_parent_is_listed(alice):
    parent = weekly(alice)
    [listed] = alice.items()[0]
    assert listed["id"] == parent["id"] and listed["recurrence"] == ["RRULE:FREQ=WEEKLY;COUNT=4"]


def test_all_day_instance_ids_use_the_date(alice):
    parent = alice.insert(
        {
            "summary": "Daily",
            "start": {"date": "2030-01-07"},
            "end": {"date": "2030-01-08"},
            "recurrence": ["RRULE:FREQ=DAILY;COUNT=2"],
        }
    )
    items, _ = alice.items(singleEvents="true")
    assert ids(items) == [parent["id"] + "_20300107", parent["id"] + "_20300108"]
    assert items[1]["originalStartTime"] == {"date": "2030-01-08"} and items[1]["end"] == {"date": "2030-01-09"}


def test_get_an_instance_by_id_and_unknown_instances_are_404(alice):
    parent = weekly(alice)
    got = alice.get(instance_id(parent, "0114")).json()
    assert got["recurringEventId"] == parent["id"] and got["start"]["dateTime"] == "2030-01-14T10:00:00+01:00"
    for bogus in (instance_id(parent, "0115"), instance_id(parent, "0204"), parent["id"] + "_2030"):
        assert alice.get(bogus).status_code == 404


def test_time_window_on_instances(alice):
    parent = weekly(alice)
    items, _ = alice.items(singleEvents="true", timeMin="2030-01-14T09:30:00Z", timeMax="2030-01-21T09:00:00Z")
    assert ids(items) == [instance_id(parent, "0114")]
    assert ids(alice.items(timeMin="2030-02-01T00:00:00Z")[0]) == []  # the parent ends before
    assert ids(alice.items(timeMin="2030-01-20T00:00:00Z")[0]) == [parent["id"]]


def test_patching_an_instance_stores_an_exception(alice):
    parent = weekly(alice)
    moved_start, moved_end = timed("2030-01-15", 14, tz=TZ)
    target = instance_id(parent, "0114")
    resp = alice.patch(target, {"summary": "Moved", "start": moved_start, "end": moved_end})
    assert resp.status_code == 200
    exception = resp.json()
    assert exception["id"] == target and exception["recurringEventId"] == parent["id"]
    assert exception["originalStartTime"]["dateTime"] == "2030-01-14T10:00:00+01:00"
    assert exception["sequence"] == 1
    assert ids(alice.items()[0]) == [parent["id"], target]  # the exception is its own item
    singles = {i["id"]: i for i in alice.items(singleEvents="true")[0]}
    assert len(singles) == 4 and singles[target]["summary"] == "Moved"
    assert alice.get(target).json()["summary"] == "Moved"


def test_cancelling_an_instance_with_put(alice):
    parent = weekly(alice)
    target = instance_id(parent, "0121")
    token = alice.items(singleEvents="true")[1]["nextSyncToken"]
    instance = alice.get(target).json()
    assert alice.put(target, dict(instance, status="cancelled")).json()["status"] == "cancelled"
    assert target not in ids(alice.items(singleEvents="true")[0])
    [change] = alice.items(singleEvents="true", syncToken=token)[0]
    assert change == {
        "kind": "calendar#event",
        "etag": change["etag"],
        "id": target,
        "status": "cancelled",
        "recurringEventId": parent["id"],
        "originalStartTime": {"dateTime": "2030-01-21T10:00:00+01:00", "timeZone": TZ},
    }


def test_cancelled_instances_show_without_show_deleted_when_not_expanding(alice):
    # The discovery's showDeleted text: cancelled instances are still included when
    # showDeleted and singleEvents are both false.
    parent = weekly(alice)
    target = instance_id(parent, "0121")
    assert alice.delete(target).status_code == 204
    items = {i["id"]: i for i in alice.items()[0]}
    assert items[target]["status"] == "cancelled" and items[target]["recurringEventId"] == parent["id"]
    assert target in ids(alice.items(singleEvents="true", showDeleted="true")[0])
    assert alice.delete(target).status_code == 410


def test_this_and_following_split(alice):
    parent = weekly(alice, count=6)
    late = instance_id(parent, "0204")
    alice.patch(late, {"summary": "special"})
    alice.patch(parent["id"], {"recurrence": ["RRULE:FREQ=WEEKLY;UNTIL=20300127T000000Z"]})
    start, end = timed("2030-01-28", 10, tz=TZ)
    follower = alice.insert(
        {"summary": "Weekly (new)", "start": start, "end": end, "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"]}
    )
    singles = alice.items(singleEvents="true")[0]
    assert [i["recurringEventId"] for i in singles] == [parent["id"]] * 3 + [follower["id"]] * 3
    assert alice.get(late).json()["status"] == "cancelled"  # the exception after UNTIL is gone
    assert late not in ids(alice.items()[0])


def test_deleting_the_series_cancels_its_exceptions(alice):
    parent = weekly(alice)
    exception = alice.patch(instance_id(parent, "0114"), {"summary": "special"}).json()
    token = alice.items()[1]["nextSyncToken"]
    assert alice.delete(parent["id"]).status_code == 204
    assert alice.get(exception["id"]).json()["status"] == "cancelled"
    assert alice.items(singleEvents="true")[0] == [] and alice.items()[0] == []
    changes = {i["id"]: i["status"] for i in alice.items(syncToken=token)[0]}
    assert changes == {parent["id"]: "cancelled", exception["id"]: "cancelled"}


def test_incremental_single_events_after_a_series_change(alice):
    parent = weekly(alice, count=3)
    token = alice.items(singleEvents="true")[1]["nextSyncToken"]
    alice.patch(parent["id"], {"summary": "Renamed"})
    changed = alice.items(singleEvents="true", syncToken=token)[0]
    assert [i["summary"] for i in changed] == ["Renamed"] * 3
    alice.delete(parent["id"])
    token = alice.items(singleEvents="true", syncToken=token)[1]["nextSyncToken"]
    assert alice.items(singleEvents="true", syncToken=token)[0] == []


def test_events_instances(alice):
    parent = weekly(alice)
    path = alice.events_path(event_id=parent["id"]) + "/instances"
    pages = alice.walk(path=path)
    assert ids(i for p in pages for i in p["items"]) == [
        instance_id(parent, d) for d in ("0107", "0114", "0121", "0128")
    ]
    assert "nextSyncToken" not in pages[-1] and pages[-1]["kind"] == "calendar#events"
    window = alice.walk(path=path, timeMin="2030-01-20T00:00:00Z", timeMax="2030-01-28T00:00:00Z")
    assert ids(i for p in window for i in p["items"]) == [instance_id(parent, "0121")]
    original = alice.walk(path=path, originalStart="2030-01-14T10:00:00+01:00")
    assert ids(i for p in original for i in p["items"]) == [instance_id(parent, "0114")]


def test_events_instances_show_deleted(alice):
    parent = weekly(alice)
    alice.delete(instance_id(parent, "0114"))
    path = alice.events_path(event_id=parent["id"]) + "/instances"
    assert len([i for p in alice.walk(path=path) for i in p["items"]]) == 3
    shown = [i for p in alice.walk(path=path, showDeleted="true") for i in p["items"]]
    assert [i["status"] for i in shown] == ["confirmed", "cancelled", "confirmed", "confirmed"]


def test_events_instances_of_unknown_event_is_404(alice):
    assert alice.call("GET", alice.events_path(event_id="nosuchevent") + "/instances").status_code == 404


def test_events_instances_pages_are_stable(accounts, alice):
    accounts.configure(short_pages=False)
    start, end = timed("2030-01-07", 10, tz=TZ)
    parent = alice.insert({"summary": "Daily", "start": start, "end": end, "recurrence": ["RRULE:FREQ=DAILY"]})
    path = alice.events_path(event_id=parent["id"]) + "/instances"
    pages = alice.walk(path=path, maxResults=100)
    got = ids(i for p in pages for i in p["items"])
    assert len(got) == len(set(got)) == 730  # unbounded: expanded to the two-year horizon


@pytest.mark.parametrize("line", ["DTSTART:20300107T100000Z", "DTEND:20300107T110000Z", "RRULE:FREQ=YEARLY;BYMONTH=13"])
def test_bad_recurrence_lines(alice, line):
    start, end = timed(tz=TZ)
    resp = alice.call("POST", alice.events_path(), json={"start": start, "end": end, "recurrence": [line]})
    assert error_of(resp) == (400, "invalid", "global", "Invalid recurrence rule.")


def test_a_series_with_an_end_lists_every_instance_past_the_horizon(alice):
    # The horizon (two years) only cuts a series without end: COUNT=4 yearly is four instances.
    start, end = timed("2030-01-07", 10, tz=TZ)
    parent = alice.insert(
        {"summary": "Yearly", "start": start, "end": end, "recurrence": ["RRULE:FREQ=YEARLY;COUNT=4"]}
    )
    path = alice.events_path(event_id=parent["id"]) + "/instances"
    items = [i for p in alice.walk(path=path) for i in p["items"]]
    assert [i["originalStartTime"]["dateTime"][:10] for i in items] == [
        "2030-01-07",
        "2031-01-07",
        "2032-01-07",
        "2033-01-07",
    ]
    forever = alice.insert(
        {"summary": "Yearly forever", "start": start, "end": end, "recurrence": ["RRULE:FREQ=YEARLY"]}
    )
    path = alice.events_path(event_id=forever["id"]) + "/instances"
    assert len([i for p in alice.walk(path=path) for i in p["items"]]) < 4
