"""Delivers push notifications: one background thread POSTing to receivers, with bounded retries.

Notifications never go out from the API request that caused them: the handler only queues
them, so a slow or dead receiver can never stall the API or hold `world.lock`. Jobs run in
order of due time; a receiver that does not acknowledge is retried after each delay of
`world.config.push_retry_delays` (real seconds, not the emulated clock), then given up.
A burst of changes on one channel collapses into one `exists` notification while the
previous one is still queued, as Google's own notifications coalesce.
"""

import heapq
import http.client
import itertools
import ssl
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from urllib.parse import urlsplit

ACKNOWLEDGED = (102, 200, 201, 202, 204)  # the statuses the push guide lists as success
USER_AGENT = "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)"


@dataclass
class Job:
    channel: object
    state: str  # sync | exists
    number: int = None  # fixed at the first attempt, so a retry repeats the same message
    attempt: int = 0


def notification_headers(channel, state, number):
    headers = {
        "Content-Type": "application/json; utf-8",
        "Content-Length": "0",
        "User-Agent": USER_AGENT,
        "X-Goog-Channel-ID": channel.id,
        "X-Goog-Message-Number": str(number),
        "X-Goog-Resource-ID": channel.resource_id,
        "X-Goog-Resource-State": state,
        "X-Goog-Resource-URI": channel.resource_uri,
    }
    if channel.expiration is not None:
        headers["X-Goog-Channel-Expiration"] = formatdate(channel.expiration / 1000, usegmt=True)
    if channel.token is not None:
        headers["X-Goog-Channel-Token"] = channel.token
    return headers


def post(address, headers, timeout):
    """POST an empty body; the receiver's status code. Raises OSError when it cannot be reached."""
    parts = urlsplit(address)
    if parts.scheme == "https":
        # Receivers in tests and sandboxes use self-signed certificates.
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout, context=context)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("POST", (parts.path or "/") + ("?" + parts.query if parts.query else ""), b"", headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


class Sender:
    """The queue of notifications and the thread that sends them, started on first use."""

    def __init__(self, store):
        self.store = store
        self.cond = threading.Condition()
        self.queue = []  # heap of (due monotonic time, sequence, Job)
        self.waiting_exists = set()  # channels with an `exists` queued but not yet attempted
        self.in_flight = 0
        self.sequence = itertools.count()
        self.thread = None
        self.stopping = False

    def enqueue(self, channel, state):
        with self.cond:
            if self.stopping:
                return
            if state == "exists":
                if channel.key in self.waiting_exists:
                    return
                self.waiting_exists.add(channel.key)
            heapq.heappush(self.queue, (time.monotonic(), next(self.sequence), Job(channel, state)))
            if self.thread is None:
                self.thread = threading.Thread(target=self._loop, name="google-emulator-push", daemon=True)
                self.thread.start()
            self.cond.notify()

    def clear(self):
        with self.cond:
            self.queue.clear()
            self.waiting_exists.clear()

    def status(self):
        with self.cond:
            return {
                "queued": len(self.queue),
                "in_flight": self.in_flight,
                "idle": not self.queue and not self.in_flight,
            }

    def stop(self):
        with self.cond:
            self.stopping = True
            self.cond.notify_all()
        if self.thread is not None:
            self.thread.join(timeout=5)

    def _next_job(self):
        with self.cond:
            while not self.stopping:
                now = time.monotonic()
                if self.queue and self.queue[0][0] <= now:
                    job = heapq.heappop(self.queue)[2]
                    if job.attempt == 0 and job.state == "exists":
                        self.waiting_exists.discard(job.channel.key)
                    self.in_flight += 1
                    return job
                self.cond.wait(self.queue[0][0] - now if self.queue else None)
            return None

    def _loop(self):
        while True:
            job = self._next_job()
            if job is None:
                return
            delay = None
            try:
                delay = self._attempt(job)
            finally:
                with self.cond:
                    self.in_flight -= 1
                    if delay is not None and not self.stopping:
                        job.attempt += 1
                        heapq.heappush(self.queue, (time.monotonic() + delay, next(self.sequence), job))
                    self.cond.notify_all()

    def _attempt(self, job):
        """Send once; the delay before the next try, or None when done (acknowledged, given up, moot)."""
        store, channel = self.store, job.channel
        if not store.is_live(channel):
            return None
        if job.number is None:
            job.number = store.next_number(channel, job.state)
        config = store.world.config
        status, error = None, None
        try:
            status = post(channel.address, notification_headers(channel, job.state, job.number), config.push_timeout)
        except (OSError, http.client.HTTPException) as exc:
            error = "%s: %s" % (type(exc).__name__, exc)
        ok = status in ACKNOWLEDGED
        store.record(channel, job, status, error, ok)
        delays = list(config.push_retry_delays or [])
        if ok or job.attempt >= len(delays):
            return None
        return float(delays[job.attempt])
