"""Control-client methods of the OAuth service: OAuth clients, tokens without the browser dance, revocation."""


class OAuthControlMixin:
    def add_client(
        self, client_id, client_secret, redirect_uris=(), app_type="web", publishing_status="production", test_users=()
    ):
        return self.call(
            "POST",
            "/clients",
            {
                "client_id": client_id,
                "client_secret": client_secret,
                "redirect_uris": list(redirect_uris),
                "app_type": app_type,
                "publishing_status": publishing_status,
                "test_users": list(test_users),
            },
        )

    def issue_tokens(self, email, client_id, scopes):
        return self.call("POST", "/tokens", {"email": email, "client_id": client_id, "scopes": list(scopes)})

    def tokens(self, email=None):
        return self.call("GET", "/tokens", params={"email": email} if email else None)

    def expire_tokens(self, email=None):
        self.call("POST", "/tokens/expire", {"email": email})

    def revoke(self, email=None, token=None, client_id=None):
        self.call("POST", "/tokens/revoke", {"email": email, "token": token, "client_id": client_id})
