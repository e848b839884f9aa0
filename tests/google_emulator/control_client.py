"""A Python handle on the control interface, speaking HTTP like any out-of-process test would."""

import requests

from .calendar_control import CalendarControlMixin
from .people_control import PeopleControlMixin
from .push_control import PushControlMixin


class ControlError(Exception):
    pass


class BaseControl:
    def __init__(self, url, timeout=30):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()

    def call(self, method, path, json=None, params=None):
        resp = self.session.request(
            method, self.url + "/_emulator" + path, json=json, params=params, timeout=self.timeout
        )
        if resp.status_code >= 400:
            raise ControlError("%s %s -> %s %s" % (method, path, resp.status_code, resp.text))
        return resp.json() if resp.content else None

    def reset(self):
        self.call("POST", "/reset")

    def add_account(self, email, name="", time_zone="UTC"):
        return self.call("POST", "/accounts", {"email": email, "name": name, "time_zone": time_zone})

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

    def fault(self, match, kind, count=1, status=500, seconds=0.0, retry_after=None, user=None):
        return self.call(
            "POST",
            "/faults",
            {
                "match": match,
                "kind": kind,
                "count": count,
                "status": status,
                "seconds": seconds,
                "retry_after": retry_after,
                "user": user,
            },
        )

    def pending_faults(self):
        return self.call("GET", "/faults")

    def clear_faults(self):
        self.call("DELETE", "/faults")

    def advance_clock(self, seconds):
        return self.call("POST", "/clock", {"advance": seconds})

    def counters(self):
        return self.call("GET", "/counters")

    def reset_counters(self):
        self.call("DELETE", "/counters")

    def emails(self):
        return self.call("GET", "/emails")

    def clear_emails(self):
        self.call("DELETE", "/emails")

    def configure(self, **settings):
        return self.call("PATCH", "/config", settings)

    def issue_tokens(self, email, client_id, scopes):
        return self.call("POST", "/tokens", {"email": email, "client_id": client_id, "scopes": list(scopes)})

    def tokens(self, email=None):
        return self.call("GET", "/tokens", params={"email": email} if email else None)

    def expire_tokens(self, email=None):
        self.call("POST", "/tokens/expire", {"email": email})

    def revoke(self, email=None, token=None, client_id=None):
        self.call("POST", "/tokens/revoke", {"email": email, "token": token, "client_id": client_id})

    def internal_errors(self):
        return self.call("GET", "/internal_errors")


class EmulatorControl(BaseControl, CalendarControlMixin, PeopleControlMixin, PushControlMixin):
    """Everything a test can do to the emulated Google besides calling its APIs."""
