"""Control routes of the OAuth service, under `/_emulator/`: OAuth clients and tokens.

Tests register OAuth clients, issue a token pair without the browser dance, list an
account's tokens, expire access tokens and revoke grants, as a user or admin would in
Google's console and account pages.
"""

from dataclasses import asdict

from ..shared import errors
from ..shared.control import add_routes
from ..shared.http import empty, json_response


class OAuthControl:
    def __init__(self, world):
        self.world = world

    def add_client(self, req):
        body = req.json()
        if not body.get("client_id") or not body.get("client_secret"):
            raise errors.required("client_id and client_secret")
        client = self.world.oauth.add_client(body.pop("client_id"), body.pop("client_secret"), **body)
        return json_response(asdict(client))

    def list_tokens(self, req):
        email = (req.arg("email") or "").lower()
        found = [asdict(t) for t in self.world.oauth.tokens.values() if not email or t.email == email]
        return json_response(found)

    def issue_tokens(self, req):
        oauth, body = self.world.oauth, req.json()
        email = body["email"].lower()
        if not self.world.account(email):
            raise errors.invalid("unknown account %s" % email)
        refresh = oauth.issue_refresh(body["client_id"], email, body["scopes"])
        access = oauth.issue_access(body["client_id"], email, body["scopes"], refresh.token)
        oauth.consented[body["client_id"] + " " + email] = list(body["scopes"])
        return json_response(
            {"access_token": access.token, "refresh_token": refresh.token, "expires_at": access.expires_at}
        )

    def expire_tokens(self, req):
        self.world.oauth.expire_access_tokens(req.json().get("email"))
        return empty()

    def revoke_tokens(self, req):
        body = req.json()
        if body.get("token"):
            self.world.oauth.revoke(body["token"])
        else:
            self.world.oauth.revoke_user(body["email"], body.get("client_id"))
        return empty()


def install(router, world):
    control = OAuthControl(world)
    add_routes(
        router,
        [
            ("POST", "/clients", control.add_client),
            ("GET", "/tokens", control.list_tokens),
            ("POST", "/tokens", control.issue_tokens),
            ("POST", "/tokens/expire", control.expire_tokens),
            ("POST", "/tokens/revoke", control.revoke_tokens),
        ],
    )
