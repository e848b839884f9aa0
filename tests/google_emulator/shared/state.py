"""The emulated Google's whole state: accounts, a controllable clock, counters, the email log.

Each API area keeps its own store object on the world (`world.oauth`, `world.calendar`,
`world.people`); the world holds what they share. Every request runs under `world.lock`,
so handlers may read and write freely; that is simpler and more faithful than fine-grained
locking, because Google itself serialises writes to one calendar.
"""

import json
import os
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field


@dataclass
class Account:
    email: str
    name: str = ""
    sub: str = ""  # Google's stable numeric user id
    time_zone: str = "UTC"


@dataclass
class Config:
    """Knobs tests turn. Defaults follow the documented behaviour of the real service."""

    batch_limit: int = 1000  # the current documented cap; strict tests set 50
    access_token_lifetime: int = 3599
    # Real pages are sometimes short or empty while nextPageToken is still present.
    short_pages: bool = True
    # Serve later pages of a full listing from live data: an event changed after the first
    # page comes again at the end, as Google's listings may repeat it (clients keep the newer).
    repeat_changed_in_listing: bool = False
    rate_limit_requests: int = 0  # per user and window; 0 disables the limiter
    rate_limit_window: float = 60.0
    rate_limit_status: int = 403  # Calendar: 403 rateLimitExceeded or 429; People always 429
    rate_limit_retry_after: int = 1
    people_sync_token_days: int = 7
    calendar_sync_token_days: int = 0  # 0: never expire on their own
    # Push: real seconds between redeliveries to a receiver that did not acknowledge (bounded).
    push_retry_delays: list = field(default_factory=lambda: [0.1, 0.2, 0.4])
    push_timeout: float = 5.0  # seconds a receiver may take to answer one notification


@dataclass
class Email:
    """A message Google would have sent because of sendUpdates."""

    kind: str  # invitation | update | cancellation | reply
    to: str
    event_id: str
    summary: str
    sender: str
    at: str = ""


@dataclass
class World:
    lock: threading.RLock = field(default_factory=threading.RLock)
    clock_offset: float = 0.0
    accounts: dict = field(default_factory=dict)
    config: Config = field(default_factory=Config)
    counters: Counter = field(default_factory=Counter)
    emails: list = field(default_factory=list)
    stores: dict = field(default_factory=dict)  # name -> store with dump()/load()
    state_file: str = None
    listeners: dict = field(default_factory=dict)  # topic -> callbacks, see emit()
    dirty: bool = False  # set by every handled request; the saver thread persists then clears it

    # -- time ---------------------------------------------------------------
    def now(self):
        """Seconds since the epoch, as the emulated Google sees them."""
        return time.time() + self.clock_offset

    def advance(self, seconds):
        self.clock_offset += seconds

    def rfc3339_now(self):
        stamp = self.now()
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(stamp)) + ".%03dZ" % (int(stamp * 1000) % 1000)

    # -- accounts -----------------------------------------------------------
    def add_account(self, email, name="", time_zone="UTC"):
        email = email.lower()
        if email not in self.accounts:
            sub = str(100000000000000000000 + len(self.accounts) + 1)
            self.accounts[email] = Account(email, name or email.split("@")[0], sub, time_zone)
            for store in self.stores.values():
                hook = getattr(store, "on_account_added", None)
                if hook:
                    hook(self.accounts[email])
        return self.accounts[email]

    def account(self, email):
        return self.accounts.get((email or "").lower())

    # -- change notifications between areas (e.g. calendar changes -> push channels) --
    def subscribe(self, topic, callback):
        self.listeners.setdefault(topic, []).append(callback)

    def emit(self, topic, **payload):
        for callback in self.listeners.get(topic, []):
            callback(**payload)

    # -- email log ----------------------------------------------------------
    def send_email(self, kind, to, event_id, summary, sender):
        self.emails.append(Email(kind, to.lower(), event_id, summary or "", sender, self.rfc3339_now()))

    # -- stores and persistence ---------------------------------------------
    def register(self, name, store):
        self.stores[name] = store
        setattr(self, name, store)

    def dump(self):
        return {
            "clock_offset": self.clock_offset,
            "accounts": [asdict(a) for a in self.accounts.values()],
            "config": asdict(self.config),
            "emails": [asdict(e) for e in self.emails],
            "stores": {name: store.dump() for name, store in self.stores.items()},
        }

    def load(self, data):
        self.clock_offset = data.get("clock_offset", 0.0)
        self.accounts = {a["email"]: Account(**a) for a in data.get("accounts", [])}
        self.config = Config(**data.get("config", {}))
        self.emails = [Email(**e) for e in data.get("emails", [])]
        for name, blob in data.get("stores", {}).items():
            if name in self.stores:
                self.stores[name].load(blob)

    def save(self):
        if not self.state_file:
            return
        with self.lock:
            blob = json.dumps(self.dump())
        tmp = self.state_file + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(blob)
        os.replace(tmp, self.state_file)

    def restore(self):
        if self.state_file and os.path.exists(self.state_file):
            with open(self.state_file, encoding="utf-8") as fh:
                self.load(json.load(fh))
            return True
        return False
