"""The contacts scenario (issue 15), ours only: Odoo's google_calendar syncs no contacts.

- contacts-import: N Google contacts seeded (untimed); timed: sync runs until done. People
  lists them in pages of 1,000, so ceil(N / 1000) list requests.
- contacts-push: M partners created in Odoo (one transaction, the user as salesperson); timed:
  sync runs until done, plus one (the creates coming back). People's batchCreateContacts takes
  200, so ceil(M / 200) batch requests.
- contacts-noop: one run with nothing to do: one People request (the incremental listing).

Each phase records the People requests by method (`people_requests`) besides the harness's
totals, and its peak memory, which should not grow with N (a page at a time is held).
"""

from bench_scenarios import BENCH_DOMAIN, make_users, sync_until_done

CONTACTS_SCOPE = "https://www.googleapis.com/auth/contacts"
CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar"


def _person(k):
    return {
        "names": [{"givenName": "Bench", "familyName": "Contact %d" % k}],
        "emailAddresses": [{"value": "contact%d@people.%s" % (k, BENCH_DOMAIN), "type": "work"}],
        "phoneNumbers": [{"value": "+32 2 555 %04d" % k, "type": "work"}],
    }


def _opt_in(job, uid, email, client_id):
    tokens = job.control.issue_tokens(email, client_id, [CALENDAR_SCOPE, CONTACTS_SCOPE])
    with job.run.env() as env:
        user = env["res.users"].browse(uid)
        env["google.calendar.account"]._for_user(user).write(
            {
                "access_token": tokens["access_token"],
                "refresh_token": tokens["refresh_token"],
                "granted_scopes": CALENDAR_SCOPE + " " + CONTACTS_SCOPE,
            }
        )
        user.google_contacts_sync = True


def _phase(job, name, runs, **facts):
    with job.meter.phase(name, **facts) as record:
        record.update(runs())
    # The meter counts each phase's requests (its counters start at zero): People's apart.
    record["people_requests"] = {k: v for k, v in record["requests"].items() if k.startswith("people.") and v}
    return record


def scenario_contacts(job, imported, pushed):
    from google_emulator.seed import apply_seed
    from odoo_side_ours import CLIENT_ID

    [uid] = make_users(job, ["alice"])
    email = "alice@%s" % BENCH_DOMAIN
    _opt_in(job, uid, email, CLIENT_ID)
    apply_seed(job.emulator.world, {"people": {"contacts": {email: [_person(k) for k in range(imported)]}}})
    record = _phase(job, "contacts-import", lambda: sync_until_done(job, uid), n=imported)
    with job.run.env() as env:
        record["odoo_partners"] = env["res.partner"].search_count([("user_id", "=", uid)])
    with job.run.env() as env:
        env["res.partner"].create(
            [
                {"name": "Odoo Partner %d" % k, "email": "partner%d@odoo.example" % k, "user_id": uid}
                for k in range(pushed)
            ]
        )
    record = _phase(job, "contacts-push", lambda: sync_until_done(job, uid, echo=True), n=pushed)
    record["google_contacts"] = len(job.control.dump_contacts(email, include_deleted=False))
    _phase(job, "contacts-noop", lambda: sync_until_done(job, uid), n=imported + pushed)
