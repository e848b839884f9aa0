"""The control interface tests and the sandbox use to set the scene: `/_emulator/...`.

These routes are not Google's. They seed accounts and OAuth clients, arm faults, move
the clock, expire or revoke tokens, and read the request counters and the email log.
The Calendar and People areas add their own seeding routes next to these.
"""

from dataclasses import asdict

from . import errors
from .http import empty, json_response


def install(router, world):
    def add(method, path, handler):
        router.add(method, "/_emulator" + path, "control." + handler.__name__, "control", handler)

    def reset(req):
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

    def accounts(req):
        if req.method == "GET":
            return json_response([asdict(a) for a in world.accounts.values()])
        body = req.json()
        if not body.get("email"):
            raise errors.required("email")
        return json_response(
            asdict(world.add_account(body["email"], body.get("name", ""), body.get("time_zone", "UTC")))
        )

    def clients(req):
        body = req.json()
        if not body.get("client_id") or not body.get("client_secret"):
            raise errors.required("client_id and client_secret")
        client = world.oauth.add_client(body.pop("client_id"), body.pop("client_secret"), **body)
        return json_response(asdict(client))

    def faults(req):
        if req.method == "GET":
            return json_response(router.faults.pending())
        if req.method == "DELETE":
            router.faults.clear()
            return empty()
        try:
            return json_response(asdict(router.faults.arm(**req.json())))
        except (TypeError, ValueError) as exc:
            raise errors.invalid(str(exc)) from exc

    def clock(req):
        world.advance(float(req.json().get("advance", 0)))
        return json_response({"now": world.now()})

    def counters(req):
        if req.method == "DELETE":
            world.counters.clear()
            return empty()
        return json_response(dict(world.counters))

    def emails(req):
        if req.method == "DELETE":
            world.emails.clear()
            return empty()
        return json_response([asdict(e) for e in world.emails])

    def config(req):
        if req.method == "PATCH":
            for key, value in req.json().items():
                if not hasattr(world.config, key):
                    raise errors.invalid("unknown config key %r" % key)
                setattr(world.config, key, value)
        return json_response(asdict(world.config))

    def tokens(req):
        """GET lists tokens of an account; POST issues a token pair without the browser dance."""
        if req.method == "GET":
            email = (req.arg("email") or "").lower()
            found = [asdict(t) for t in world.oauth.tokens.values() if not email or t.email == email]
            return json_response(found)
        body = req.json()
        email = body["email"].lower()
        if not world.account(email):
            raise errors.invalid("unknown account %s" % email)
        refresh = world.oauth.issue_refresh(body["client_id"], email, body["scopes"])
        access = world.oauth.issue_access(body["client_id"], email, body["scopes"], refresh.token)
        world.oauth.consented[body["client_id"] + " " + email] = list(body["scopes"])
        return json_response(
            {"access_token": access.token, "refresh_token": refresh.token, "expires_at": access.expires_at}
        )

    def expire_tokens(req):
        world.oauth.expire_access_tokens(req.json().get("email"))
        return empty()

    def revoke_tokens(req):
        body = req.json()
        if body.get("token"):
            world.oauth.revoke(body["token"])
        else:
            world.oauth.revoke_user(body["email"], body.get("client_id"))
        return empty()

    def internal_errors(req):
        return json_response(list(router.internal_errors))

    def save(req):
        world.save()
        return empty()

    add("POST", "/reset", reset)
    add("GET", "/accounts", accounts)
    add("POST", "/accounts", accounts)
    add("POST", "/clients", clients)
    for method in ("GET", "POST", "DELETE"):
        add(method, "/faults", faults)
    add("POST", "/clock", clock)
    add("GET", "/counters", counters)
    add("DELETE", "/counters", counters)
    add("GET", "/emails", emails)
    add("DELETE", "/emails", emails)
    add("GET", "/config", config)
    add("PATCH", "/config", config)
    add("GET", "/tokens", tokens)
    add("POST", "/tokens", tokens)
    add("POST", "/tokens/expire", expire_tokens)
    add("POST", "/tokens/revoke", revoke_tokens)
    add("GET", "/internal_errors", internal_errors)
    add("POST", "/save", save)
