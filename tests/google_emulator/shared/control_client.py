"""The base of the Python handle on the control interface: HTTP calls, and what concerns every service.

Each service adds a mixin of its own (`<service>/control_client.py`); the package's
`control_client.EmulatorControl` puts them together.
"""

import requests


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

    def internal_errors(self):
        return self.call("GET", "/internal_errors")
