"""OAuth clients, authorization codes and tokens: the data the OAuth endpoints and every API call share.

The endpoints themselves live in `oauth.py`; the router asks this store who a bearer
token belongs to and which scopes it carries.
"""

import secrets
from dataclasses import asdict, dataclass, field


@dataclass
class Client:
    client_id: str
    client_secret: str
    redirect_uris: list = field(default_factory=list)
    app_type: str = "web"  # web | desktop; a desktop client has no registered web redirect URIs
    publishing_status: str = "production"  # testing | production
    test_users: list = field(default_factory=list)
    deleted: bool = False
    name: str = "Odoo"


@dataclass
class AuthCode:
    code: str
    client_id: str
    email: str
    scopes: list
    redirect_uri: str
    expires_at: float
    code_challenge: str = None
    code_challenge_method: str = None
    issue_refresh: bool = True
    used: bool = False
    tokens: list = field(default_factory=list)  # raw tokens minted from this code, revoked if it is replayed


@dataclass
class Token:
    token: str
    kind: str  # access | refresh
    client_id: str
    email: str
    scopes: list
    expires_at: float = None  # None: no expiry (refresh tokens)
    revoked: bool = False
    refresh_token: str = None  # for an access token: the refresh token it came from


class OAuthStore:
    def __init__(self, world):
        self.world = world
        self.clients = {}
        self.codes = {}
        self.tokens = {}
        self.consented = {}  # "client_id email" -> scopes already granted

    # -- clients --------------------------------------------------------------
    def add_client(self, client_id, client_secret, **kwargs):
        self.clients[client_id] = Client(client_id, client_secret, **kwargs)
        return self.clients[client_id]

    def client(self, client_id):
        client = self.clients.get(client_id)
        return client if client and not client.deleted else None

    # -- codes --------------------------------------------------------------
    def new_code(self, **kwargs):
        code = "4/0A" + secrets.token_urlsafe(40)
        self.codes[code] = AuthCode(code=code, expires_at=self.world.now() + 600, **kwargs)
        return self.codes[code]

    # -- tokens -------------------------------------------------------------
    def issue_access(self, client_id, email, scopes, refresh_token=None):
        token = "ya29." + secrets.token_urlsafe(48)
        expires = self.world.now() + self.world.config.access_token_lifetime
        self.tokens[token] = Token(token, "access", client_id, email, list(scopes), expires, False, refresh_token)
        return self.tokens[token]

    def issue_refresh(self, client_id, email, scopes):
        token = "1//0" + secrets.token_urlsafe(64)
        self.tokens[token] = Token(token, "refresh", client_id, email, list(scopes))
        return self.tokens[token]

    def validate_access(self, raw):
        """The live access token named `raw`, or None when unknown, expired or revoked."""
        token = self.tokens.get(raw or "")
        if not token or token.kind != "access" or token.revoked:
            return None
        if token.expires_at is not None and token.expires_at <= self.world.now():
            return None
        return token

    def revoke(self, raw):
        """Revoke a token and what hangs off it; False when the token is unknown."""
        token = self.tokens.get(raw or "")
        if not token or token.revoked:
            return False
        family = token.refresh_token if token.kind == "access" else token.token
        token.revoked = True
        for other in self.tokens.values():
            if family and (other.token == family or other.refresh_token == family):
                other.revoked = True
        if family or token.kind == "refresh":
            # Revocation removes every scope granted to the project by this user.
            self.consented.pop(token.client_id + " " + token.email, None)
        return True

    def expire_access_tokens(self, email=None):
        now = self.world.now()
        for token in self.tokens.values():
            if token.kind == "access" and (email is None or token.email == email.lower()):
                token.expires_at = now - 1

    def revoke_user(self, email, client_id=None):
        for token in list(self.tokens.values()):
            if token.email == email.lower() and (client_id is None or token.client_id == client_id):
                token.revoked = True
        for key in [k for k in self.consented if k.endswith(" " + email.lower())]:
            if client_id is None or key.startswith(client_id + " "):
                del self.consented[key]

    # -- persistence ----------------------------------------------------------
    def dump(self):
        return {
            "clients": [asdict(c) for c in self.clients.values()],
            "codes": [asdict(c) for c in self.codes.values()],
            "tokens": [asdict(t) for t in self.tokens.values()],
            "consented": self.consented,
        }

    def load(self, data):
        self.clients = {c["client_id"]: Client(**c) for c in data.get("clients", [])}
        self.codes = {c["code"]: AuthCode(**c) for c in data.get("codes", [])}
        self.tokens = {t["token"]: Token(**t) for t in data.get("tokens", [])}
        self.consented = dict(data.get("consented", {}))
