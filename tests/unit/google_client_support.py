"""The scene the Google client tests share: an OAuth client, a connected account, a Transport on it.

Time is fake: `FakeTime.sleep` records each wait and moves `FakeTime.clock` forward, so
retry tests assert the exact waits without waiting them.
"""

from google_emulator import scopes

from google_calendar_sync.core.calendar.client import CalendarClient
from google_calendar_sync.core.google import oauth
from google_calendar_sync.core.google.retry import RetryPolicy
from google_calendar_sync.core.google.transport import Transport

CLIENT_ID = "1234-odoo.apps.googleusercontent.com"
CLIENT_SECRET = "GOCSPX-odoo-secret"
REDIRECT_URI = "https://odoo.example.com/google_account/authentication"
ALICE = "alice@example.com"
BOB = "bob@example.com"
CALENDAR = scopes.CALENDAR


class FakeTime:
    """An injectable clock and sleep; `rand` returns `jitter` so waits are predictable."""

    def __init__(self, jitter=0.5):
        self.now = 1000.0
        self.waits = []
        self.jitter = jitter

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.waits.append(seconds)
        self.now += seconds

    def rand(self):
        return self.jitter


class Connection:
    """A connected account: its tokens, its Transport, the refreshes the Transport reported."""

    def __init__(self, google, emulator, email=ALICE, scope=(CALENDAR,), policy=None, timeout=(2.0, 5.0), jitter=0.5):
        google.add_account(email)
        google.add_client(CLIENT_ID, CLIENT_SECRET, [REDIRECT_URI])
        self.tokens = google.issue_tokens(email, CLIENT_ID, scope)
        self.time = FakeTime(jitter)
        self.refreshed = []
        self.credentials = oauth.make_credentials(
            emulator.url + "/token",
            CLIENT_ID,
            CLIENT_SECRET,
            self.tokens["refresh_token"],
            self.tokens["access_token"],
            scopes=scope,
        )
        self.transport = Transport(
            self.credentials,
            on_token_refreshed=self._refreshed,
            timeout=timeout,
            policy=policy or RetryPolicy(),
            sleep=self.time.sleep,
            clock=self.time.clock,
            rand=self.time.rand,
        )
        self.client = CalendarClient(self.transport, api_base=emulator.url)
        self.url = emulator.url

    def _refreshed(self, token, expiry):
        self.refreshed.append((token, expiry))


def event_body(n=0, **fields):
    """A minimal valid timed event."""
    body = {
        "summary": "Meeting %d" % n,
        "start": {"dateTime": "2025-03-%02dT09:00:00Z" % (1 + n % 28)},
        "end": {"dateTime": "2025-03-%02dT10:00:00Z" % (1 + n % 28)},
    }
    body.update(fields)
    return body
