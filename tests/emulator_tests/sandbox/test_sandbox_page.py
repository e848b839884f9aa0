"""The sandbox's read-only page (GET /sandbox/): Google's side of the sync in plain words.

A newcomer in tests/sandbox must see, without reading JSON, each emulated account's events
(when, in which zone, guests and answers, how a series repeats) and the emails Google
would have sent. These tests drive the emulator over HTTP as the sandbox does, then read
the page as text.
"""

import re
import urllib.error
import urllib.request
from html import unescape

import pytest
from google_emulator import Emulator, sandbox_page

ANA = "ana@example.com"
BOB = "bob@example.com"
GUEST = "guest@elsewhere.org"


@pytest.fixture
def sandbox():
    """An emulator with the page installed, as tests/lib/sandbox_google.py runs it."""
    with Emulator() as emulator:
        sandbox_page.install(emulator.router, emulator.world, odoo_url="http://localhost:8069")
        control = emulator.control()
        control.add_account(ANA, "Ana Lopez", "Europe/Madrid")
        control.add_account(BOB, "Bob Stone", "America/New_York")
        yield emulator, control
        assert not control.internal_errors()


def get(url):
    with urllib.request.urlopen(url) as response:
        return response.status, response.headers.get("Content-Type"), response.read().decode("utf-8")


def text_of(html, section_id):
    """The words a reader sees in one <section> of the page, tags stripped, spaces collapsed."""
    found = re.search(r'<section id="%s">(.*?)</section>' % re.escape(section_id), html, re.S)
    assert found, "no section %s" % section_id
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def event(summary, start, end, **extra):
    zone = "Europe/Madrid"
    return dict(
        summary=summary, start={"dateTime": start, "timeZone": zone}, end={"dateTime": end, "timeZone": zone}, **extra
    )


def test_page_shows_each_accounts_events_and_the_emails_google_sent(sandbox):
    emulator, google = sandbox
    google.ui_create_event(
        ANA,
        event(
            "Budget review",
            "2026-11-17T10:00:00",
            "2026-11-17T11:00:00",
            attendees=[{"email": ANA}, {"email": BOB}, {"email": GUEST}],
        ),
        send_updates="all",
    )
    series = google.ui_create_event(
        ANA,
        event(
            "Stand-up",
            "2026-11-16T09:00:00",
            "2026-11-16T09:15:00",
            recurrence=["RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6"],
        ),
    )
    google.ui_delete_event(ANA, series["id"] + "_20261118T080000Z")
    google.ui_create_event(
        ANA,
        event(
            "Made in Odoo",
            "2026-11-19T15:00:00",
            "2026-11-19T16:00:00",
            extendedProperties={"private": {"odoo_id": "calendar.event,7"}},
        ),
    )
    budget = [e for e in google.dump_events(BOB) if e["summary"] == "Budget review"][0]
    google.ui_respond(BOB, budget["id"], "accepted", send_updates="all")
    calls_before = google.counters()

    status, content_type, html = get(emulator.url + "/sandbox/")

    assert status == 200 and content_type.startswith("text/html")
    ana = text_of(html, ANA)
    assert "Ana Lopez" in ana and "time zone Europe/Madrid" in ana
    assert "Tue 17 Nov 2026, 10:00 - 11:00 (Europe/Madrid) Budget review" in ana
    assert "Bob Stone <bob@example.com>: accepted" in ana
    assert "guest@elsewhere.org: no answer yet" in ana
    assert "every week on Monday, Wednesday, 6 times" in ana
    assert "Wed 18 Nov 2026: cancelled" in ana
    assert "Made in Odoo" in ana and "Odoo (synced)" in ana
    bob = text_of(html, BOB)
    assert "Budget review" in bob and "Invitation from Ana Lopez <ana@example.com>" in bob
    assert "Stand-up" not in bob
    emails = text_of(html, "emails")
    assert "Invitation Ana Lopez <ana@example.com> guest@elsewhere.org Budget review" in emails
    assert "Invitation Ana Lopez <ana@example.com> Bob Stone <bob@example.com> Budget review" in emails
    assert "Answer to the organizer Bob Stone <bob@example.com> Ana Lopez <ana@example.com> Budget review" in emails
    assert 'href="http://localhost:8069/odoo/calendar"' in html
    # Reading the page is not a call to Google: the request counters stay as they were.
    assert google.counters() == calls_before


def test_page_escapes_what_users_typed(sandbox):
    emulator, google = sandbox
    google.ui_create_event(ANA, event("<script>alert(1)</script>", "2026-11-17T10:00:00", "2026-11-17T11:00:00"))
    html = get(emulator.url + "/sandbox/")[2]
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_page_says_when_there_is_nothing_yet(sandbox):
    emulator, _ = sandbox
    html = get(emulator.url + "/sandbox")[2]  # without the slash: redirected
    assert "No events." in text_of(html, ANA)
    assert "None yet." in text_of(html, "emails")


def test_only_the_sandbox_serves_the_page(emulator, google):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(emulator.url + "/sandbox/")
    assert refused.value.code == 404
