"""The control interface tests and the sandbox use to set the scene: `/_emulator/...`.

These routes are not Google's. The ones here concern the whole emulated Google: reset,
accounts, faults, the clock, request counters, the email log, config knobs, persistence.
Each service adds its own control routes beside its API (`oauth/control.py`,
`calendar/control.py`, `people/control.py`, `push/control.py`).
"""

from dataclasses import asdict

from . import errors
from .http import empty, json_response


def add_routes(router, routes, service=""):
    """Register control routes under `/_emulator[/service]`, (method, path, handler) each: no
    token, no counters, no faults (the router skips them for the "control" api)."""
    prefix = "/_emulator" + ("/" + service if service else "")
    name = "control." + (service + "_" if service else "")
    for method, path, handler in routes:
        router.add(method, prefix + path, name + handler.__name__, "control", handler)


class WorldControl:
    """Handlers on what every service shares. One method per resource, one HTTP verb each."""

    def __init__(self, router, world):
        self.router = router
        self.world = world

    def reset(self, req):
        world, router = self.world, self.router
        for store in world.stores.values():
            store.load({})
        world.accounts.clear()
        world.emails.clear()
        world.counters.clear()
        world.clock_offset = 0.0
        world.config = type(world.config)()
        router.faults.clear()
        router.limiter.hits.clear()
        router.internal_errors.clear()
        return empty()

    def list_accounts(self, req):
        return json_response([asdict(a) for a in self.world.accounts.values()])

    def add_account(self, req):
        body = req.json()
        if not body.get("email"):
            raise errors.required("email")
        account = self.world.add_account(body["email"], body.get("name", ""), body.get("time_zone", "UTC"))
        return json_response(asdict(account))

    def pending_faults(self, req):
        return json_response(self.router.faults.pending())

    def arm_fault(self, req):
        try:
            return json_response(asdict(self.router.faults.arm(**req.json())))
        except (TypeError, ValueError) as exc:
            raise errors.invalid(str(exc)) from exc

    def clear_faults(self, req):
        self.router.faults.clear()
        return empty()

    def clock(self, req):
        self.world.advance(float(req.json().get("advance", 0)))
        return json_response({"now": self.world.now()})

    def counters(self, req):
        return json_response(dict(self.world.counters))

    def clear_counters(self, req):
        self.world.counters.clear()
        return empty()

    def emails(self, req):
        return json_response([asdict(e) for e in self.world.emails])

    def clear_emails(self, req):
        self.world.emails.clear()
        return empty()

    def config(self, req):
        return json_response(asdict(self.world.config))

    def set_config(self, req):
        for key, value in req.json().items():
            if not hasattr(self.world.config, key):
                raise errors.invalid("unknown config key %r" % key)
            setattr(self.world.config, key, value)
        return json_response(asdict(self.world.config))

    def internal_errors(self, req):
        return json_response(list(self.router.internal_errors))

    def save(self, req):
        self.world.save()
        return empty()


def install(router, world):
    control = WorldControl(router, world)
    add_routes(
        router,
        [
            ("POST", "/reset", control.reset),
            ("GET", "/accounts", control.list_accounts),
            ("POST", "/accounts", control.add_account),
            ("GET", "/faults", control.pending_faults),
            ("POST", "/faults", control.arm_fault),
            ("DELETE", "/faults", control.clear_faults),
            ("POST", "/clock", control.clock),
            ("GET", "/counters", control.counters),
            ("DELETE", "/counters", control.clear_counters),
            ("GET", "/emails", control.emails),
            ("DELETE", "/emails", control.clear_emails),
            ("GET", "/config", control.config),
            ("PATCH", "/config", control.set_config),
            ("GET", "/internal_errors", control.internal_errors),
            ("POST", "/save", control.save),
        ],
    )
