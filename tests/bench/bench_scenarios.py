"""The scenarios of issue 6, written once for both modules: set the scene, then measure phases.

Each function receives a `Job` (the Odoo run, the side, the emulator and the meter) and
leaves its measurements in `job.meter.phases`. What is timed and what is not:

- import: N events seeded on Google (untimed); timed: sync runs until the module has
  nothing left.
- push: the user synced once (empty calendar); timed: N events created in Odoo in one
  transaction and committed (Odoo's module sends its inserts right there, after the
  commit), then sync runs until nothing is left, then one more run, which lists the
  inserted events coming back from Google, so that both modules end quiescent.
  noop: the next run.
- incremental: B events imported and settled (untimed); 50 events changed on Google
  (untimed, that is Google's work); timed: 50 events edited in Odoo, one write each, one
  commit, then sync runs as for push.
- cron: U users connected, E events each on Google (untimed); timed: the scheduled
  action once (the first import of every user), then once more (nothing to do).
"""

import dataclasses
import datetime
import time
import traceback

import bench_data as data
from bench_harness import aside

SYNC_LIMIT = 100  # runs per phase; a module that needs more is reported as not converging
BENCH_DOMAIN = "bench.example.com"


@dataclasses.dataclass
class Job:
    run: object  # bench_harness.OdooRun
    side: object  # OursSide or TheirsSide
    emulator: object
    control: object
    meter: object
    anchor: datetime.date
    crashes: list = dataclasses.field(default_factory=list)

    def seed(self, email, events):
        from google_emulator.seed import apply_seed

        apply_seed(self.emulator.world, {"calendar": {"events": {email: events}}})

    def google_events(self, email):
        return [e for e in self.control.dump_events(email, include_deleted=False) if e.get("status") != "cancelled"]


def make_users(job, logins):
    """Internal users, each with an emulated Google account of the same address, connected."""
    for login in logins:
        job.control.add_account("%s@%s" % (login, BENCH_DOMAIN), time_zone=data.ZONE)
    with job.run.env() as env:
        users = (
            env["res.users"]
            .with_context(no_reset_password=True, mail_create_nolog=True)
            .create(
                [
                    {
                        "name": login.title(),
                        "login": login,
                        "email": "%s@%s" % (login, BENCH_DOMAIN),
                        "tz": data.ZONE,
                        # An employee as Odoo's default user template makes one: with
                        # "Contact Creation", which the sync needs to add a new guest's
                        # contact now that it writes with the user's own rights.
                        "groups_id": [
                            (6, 0, [env.ref("base.group_user").id, env.ref("base.group_partner_manager").id])
                        ],
                    }
                    for login in logins
                ]
            )
        )
        for user in users:
            job.side.connect(env, user, user.email, job.control)
        return users.ids


def _email(job, uid):
    with job.run.env() as env:
        return env["res.users"].browse(uid).email


def sync_once(job, uid):
    """One run in its own transaction; a run that raises is rolled back and reported, not fatal."""
    try:
        with job.run.env() as env:
            answer = job.side.sync(env, env["res.users"].browse(uid))
    except Exception as exc:  # noqa: BLE001 - a module's crash is a result to report
        job.crashes.append(traceback.format_exc())
        return {"more": False, "crashed": True, "error": "%s: %s" % (type(exc).__name__, exc)}
    with aside(), job.run.env() as env:
        return job.side.status(env, env["res.users"].browse(uid), answer)


def sync_until_done(job, uid, echo=False):
    """Sync runs until the module says nothing is left (plus one if `echo`); returns what they did."""
    walls, totals, errors, pending = [], {}, [], None
    while True:
        started = time.perf_counter()
        outcome = sync_once(job, uid)
        walls.append(round(time.perf_counter() - started, 4))
        for key, value in outcome.items():
            if isinstance(value, int) and not isinstance(value, bool) and key != "pending":
                totals[key] = totals.get(key, 0) + value
        if outcome.get("error"):
            errors.append(outcome["error"])
        # A run that leaves as much waiting as the one before will not do better the next time.
        stalled = pending is not None and outcome.get("pending") is not None and outcome["pending"] >= pending
        pending = outcome.get("pending")
        if not outcome["more"] or stalled or len(walls) >= SYNC_LIMIT:
            break
    converged = not outcome["more"] and not outcome.get("crashed")
    totals["left_pending"] = pending
    if echo:
        started = time.perf_counter()
        sync_once(job, uid)
        walls.append(round(time.perf_counter() - started, 4))
    return {"runs": len(walls), "run_walls": walls, "converged": converged, "errors": errors[:5], **totals}


def _verify(job, record, uid, email):
    with job.run.env() as env:
        record["odoo_events"] = job.side.local_events(env, env["res.users"].browse(uid))
    record["google_events"] = len(job.google_events(email))


def scenario_import(job, n):
    [uid] = make_users(job, ["alice"])
    email = _email(job, uid)
    job.seed(email, data.google_events(n, email, job.anchor))
    with job.meter.phase("import", n=n) as record:
        record.update(sync_until_done(job, uid))
    _verify(job, record, uid, email)


def _guests_and_alarms(env):
    partners = env["res.partner"].create(
        [{"name": "Guest %02d" % k, "email": data.guest_email(k)} for k in range(data.GUEST_POOL)]
    )
    guests = {partner.email: partner.id for partner in partners}
    alarms = {}
    for method, minutes in data.reminder_kinds():
        kind = "email" if method == "email" else "notification"
        alarm = env["calendar.alarm"].search([("alarm_type", "=", kind), ("duration_minutes", "=", minutes)], limit=1)
        alarm = alarm or env["calendar.alarm"].create(
            {"name": "%s %d min" % (kind, minutes), "alarm_type": kind, "duration": minutes, "interval": "minutes"}
        )
        alarms[(method, minutes)] = alarm.id
    return guests, alarms


def scenario_push(job, n):
    """Push of n local events, then the no-op run right after."""
    [uid] = make_users(job, ["alice"])
    email = _email(job, uid)
    with job.run.env() as env:
        guests, alarms = _guests_and_alarms(env)
        partner = env["res.users"].browse(uid).partner_id.id
    sync_until_done(job, uid)  # the first sync of an empty calendar: connected and settled
    values = [data.odoo_event_values(k, job.anchor, partner, guests, alarms) for k in range(n)]
    with job.meter.phase("push", n=n) as record:
        started = time.perf_counter()
        with job.run.env(uid) as env:
            env["calendar.event"].create(values)
        record["local_seconds"] = time.perf_counter() - started
        record.update(sync_until_done(job, uid, echo=True))
    _verify(job, record, uid, email)
    with job.meter.phase("noop", n=n) as record:
        record.update(sync_until_done(job, uid))


def scenario_incremental(job, changes, base):
    [uid] = make_users(job, ["alice"])
    email = _email(job, uid)
    job.seed(email, data.google_events(base, email, job.anchor))
    settled = sync_until_done(job, uid, echo=True)
    by_summary = {e.get("summary"): e["id"] for e in job.google_events(email)}
    for k in data.changed_indexes(base, changes):
        job.control.ui_update_event(
            email,
            by_summary["Bench event %d" % k],
            {"summary": "Changed on Google %d" % k, "location": "Moved on Google"},
        )
    local = data.changed_indexes(base, changes, offset=changes)
    with job.meter.phase("incremental", n=changes, base=base, setup_runs=settled["runs"]) as record:
        started = time.perf_counter()
        with job.run.env(uid) as env:
            events = env["calendar.event"]
            for k in local:
                found = events.search([("name", "=", "Bench event %d" % k), ("user_id", "=", uid)], limit=1)
                found.write({"name": "Changed in Odoo %d" % k, "location": "Moved in Odoo"})
        record["local_seconds"] = time.perf_counter() - started
        record.update(sync_until_done(job, uid, echo=True))
    google = [e.get("summary", "") for e in job.google_events(email)]
    record["google_has_odoo_changes"] = sum(s.startswith("Changed in Odoo") for s in google)
    with job.run.env() as env:
        changed = env["calendar.event"].search_count([("name", "=like", "Changed on Google%")])
    record["odoo_has_google_changes"] = changed


def scenario_cron(job, users, per_user):
    uids = make_users(job, ["user%03d" % k for k in range(users)])
    with job.run.env() as env:
        emails = dict(zip(uids, env["res.users"].browse(uids).mapped("email"), strict=True))
    for uid, email in emails.items():
        job.seed(email, data.google_events(per_user, email, job.anchor, prefix="Bench %d" % uid))
    for phase in ("cron-first", "cron-noop"):
        with job.meter.phase(phase, n=users, per_user=per_user) as record:
            try:
                with job.run.env() as env:
                    job.side.cron(env)
            except Exception as exc:  # noqa: BLE001 - reported like a sync's crash
                job.crashes.append(traceback.format_exc())
                record["errors"] = ["%s: %s" % (type(exc).__name__, exc)]
        with job.run.env() as env:
            counts = [job.side.local_events(env, user) for user in env["res.users"].browse(uids)]
        record["odoo_events"] = sum(counts)
        record["users_with_events"] = sum(1 for c in counts if c)


SCENARIOS = {
    "import": scenario_import,
    "push": scenario_push,
    "incremental": scenario_incremental,
    "cron": scenario_cron,
}


def _contacts(job, **params):
    from bench_contacts import scenario_contacts  # a module of its own; it imports this one

    return scenario_contacts(job, **params)


SCENARIOS["contacts"] = _contacts
