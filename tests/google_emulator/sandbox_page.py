"""The sandbox's window on the emulated Google: GET /sandbox/, read-only plain HTML.

`tests/sandbox` runs Odoo against this emulator; a newcomer trying the two-way sync needs to
see Google's side without reading JSON. For each emulated account the page lists its
calendars and their events (when, in which time zone, guests and their answers, how a
series repeats and which of its occurrences were moved or cancelled, whether Odoo made the
event), then the emails Google would have sent because of `sendUpdates`.

Not part of Google: tests/lib/sandbox_google.py installs it; the test fixtures do not, so
no API test can depend on it. It reads the world under its lock and changes nothing.
"""

from html import escape

from .sandbox_text import answer_text, email_kind_text, original_day, rule_text, when
from .shared.http import html_response, redirect

PATH = "/sandbox/"

_STYLE = """
body { font-family: Roboto, Arial, sans-serif; margin: 0; background: #f1f3f4; color: #202124; }
main { max-width: 1180px; margin: 24px auto; padding: 0 16px; }
section { background: #fff; border: 1px solid #dadce0; border-radius: 8px; padding: 8px 24px 16px; margin: 16px 0; }
h1 { font-weight: 400; } h2 { font-weight: 500; font-size: 20px; } h3 { font-size: 16px; color: #3c4043; }
.muted { color: #5f6368; } .odoo { color: #714b67; font-weight: 500; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #e8eaed; }
th { background: #f8f9fa; font-weight: 500; }
ul.plain { margin: 0; padding-left: 18px; }
"""


def install(router, world, odoo_url=None):
    """Adds GET /sandbox/ (and /sandbox, redirected) to `router`; `odoo_url` adds a link back to Odoo."""

    def page(req):
        return html_response(render_page(world, odoo_url))

    # Control-like routes: no token, not counted as Google calls.
    router.add("GET", PATH, "sandbox.page", "control", page)
    router.add("GET", PATH.rstrip("/"), "sandbox.page", "control", lambda req: redirect(PATH))


def render_page(world, odoo_url=None):
    with world.lock:
        accounts = sorted(world.accounts.values(), key=lambda a: a.email)
        names = {a.email: a.name for a in accounts}
        sections = [_account_section(world.calendar, account, names) for account in accounts]
        emails = _emails_section(world.emails, names)
    back = ' <a href="%s/odoo/calendar">Open Odoo\'s calendar</a>.' % escape(odoo_url.rstrip("/")) if odoo_url else ""
    intro = (
        "<h1>The emulated Google: what it holds now</h1>"
        '<p class="muted">This is the sandbox\'s stand-in for Google, not Odoo. It shows, for each '
        "Google account, the calendars and events Google holds, and the emails Google would have sent. "
        "Create or change an event in Odoo, click <b>Google sync</b> in the Calendar, then reload this page "
        "to see it arrive here; events listed here appear in Odoo after a sync.%s</p>" % back
    )
    nav = '<p>Accounts: %s &middot; <a href="#emails">Emails</a></p>' % " &middot; ".join(
        '<a href="#%s">%s</a>' % (escape(a.email), escape(a.name or a.email)) for a in accounts
    )
    body = intro + nav + "".join(sections) + emails
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Sandbox: the emulated Google</title><style>%s</style></head>\n"
        "<body><main>\n%s\n</main></body></html>\n" % (_STYLE, body)
    )


def _person(email, names, display=None):
    name = names.get((email or "").lower()) or display
    return "%s &lt;%s&gt;" % (escape(name), escape(email)) if name else escape(email or "?")


def _account_section(store, account, names):
    calendars = sorted(store.owned(account.email), key=lambda c: (not c.get("primary"), c["summary"]))
    parts = [
        '<section id="%s"><h2>%s</h2><p class="muted">Google account %s &middot; time zone <b>%s</b></p>'
        % (
            escape(account.email),
            escape(account.name or account.email),
            escape(account.email),
            escape(account.time_zone),
        )
    ]
    for cal in calendars:
        label = "Main calendar" if cal.get("primary") else "Calendar &laquo;%s&raquo;" % escape(cal["summary"])
        parts.append(
            '<h3>%s <span class="muted">(id %s, time zone %s)</span></h3>'
            % (label, escape(cal["id"]), escape(cal.get("timeZone") or ""))
        )
        parts.append(_events_table(store, cal, names))
    parts.append("</section>")
    return "".join(parts)


def _shown(record):
    return record["status"] != "cancelled" and not record.get("_hidden") and not record.get("recurringEventId")


def _events_table(store, cal, names):
    records = sorted((r for r in store.events[cal["id"]].values() if _shown(r)), key=lambda r: r["_bounds"][0])
    if not records:
        return '<p class="muted">No events.</p>'
    rows = "".join(_event_row(store, cal, record, names) for record in records)
    return (
        "<table><thead><tr><th>When</th><th>Event</th><th>Guests and their answers</th>"
        "<th>Repeats</th><th>Made by</th></tr></thead><tbody>%s</tbody></table>" % rows
    )


def _event_row(store, cal, record, names):
    tz_name = cal.get("timeZone")
    title = "<b>%s</b>" % escape(record.get("summary") or "(no title)")
    if record.get("location"):
        title += '<br><span class="muted">%s</span>' % escape(record["location"])
    if record.get("visibility") == "private":
        title += '<br><span class="muted">private</span>'
    guests = "".join(
        "<li>%s: %s%s</li>"
        % (
            _person(a["email"], names, a.get("displayName")),
            escape(answer_text(a.get("responseStatus"))),
            " (organizer)" if a["email"].lower() == record["organizer"]["email"].lower() else "",
        )
        for a in record.get("attendees") or []
    )
    moment = when(record["start"], record["end"], tz_name)
    if record.get("recurrence"):
        moment = "First: " + moment
    return "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % (
        escape(moment),
        title,
        '<ul class="plain">%s</ul>' % guests if guests else '<span class="muted">nobody</span>',
        _repeats(store, cal, record, names),
        _made_by(record, names),
    )


def _repeats(store, cal, record, names):
    if not record.get("recurrence"):
        return '<span class="muted">once</span>'
    lines = [escape(rule_text(line)) for line in record["recurrence"]]
    for exception in store.exceptions_of(cal, record["id"]):
        if exception.get("_orphan"):
            continue
        day = original_day(exception, cal.get("timeZone"))
        if exception["status"] == "cancelled":
            lines.append("%s: cancelled" % escape(day))
        else:
            change = when(exception["start"], exception["end"], cal.get("timeZone"))
            lines.append("%s: moved or changed to %s" % (escape(day), escape(change)))
    return '<ul class="plain">%s</ul>' % "".join("<li>%s</li>" % line for line in lines)


def _made_by(record, names):
    if "_origin" in record:
        return "Invitation from %s" % _person(record["organizer"]["email"], names)
    private = (record.get("extendedProperties") or {}).get("private") or {}
    if "odoo_id" in private:
        return '<span class="odoo">Odoo</span> (synced)'
    return "Google"


def _emails_section(emails, names):
    if not emails:
        rows = '<p class="muted">None yet. An event created in Odoo with guests makes Google invite them.</p>'
    else:
        body = "".join(
            "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
            % (
                escape(email.at[:16].replace("T", " ") + " UTC" if email.at else ""),
                escape(email_kind_text(email.kind)),
                _person(email.sender, names),
                _person(email.to, names),
                escape(email.summary or "(no title)"),
            )
            for email in reversed(emails)
        )
        rows = (
            "<table><thead><tr><th>Sent (UTC)</th><th>What</th><th>From</th><th>To</th><th>Event</th></tr>"
            "</thead><tbody>%s</tbody></table>" % body
        )
    return (
        '<section id="emails"><h2>Emails Google would have sent</h2>'
        '<p class="muted">Newest first. Nothing is mailed: the emulator only writes them down. Who gets them '
        "follows the setting <i>Invitations sent by Google</i> in Odoo.</p>%s</section>" % rows
    )
