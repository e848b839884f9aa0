"""The one HTTP path to Google's APIs: bearer auth, timeouts, bounded retries, typed errors.

Each call carries the access token in the `Authorization` header only (a token in a
query string ends up in proxy and server logs). A 401 gets exactly one token refresh
through google-auth and one more try. Rate limits and server errors are retried with
full-jitter exponential backoff, bounded by attempts and by total time; everything else
is raised at once as a typed error.
"""

import logging
import random
import time

import requests

from . import oauth
from .api_errors import connection_error, decode_body, error_for, error_reason
from .errors import Unauthorized
from .retry import Backoff, RetryPolicy, is_retriable, parse_retry_after

_logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = (5.0, 30.0)  # (connect, read) seconds
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "PATCH", "DELETE"})


class Transport:
    """An authorized, retrying session for Google APIs.

    :param credentials: google.oauth2.credentials.Credentials, refreshed in place
    :param on_token_refreshed: called as ``fn(token, expiry)`` after each refresh so the
        caller can persist the new access token (`expiry` is a naive UTC datetime)
    :param timeout: (connect, read) seconds for every call
    :param policy: the RetryPolicy bounding retries
    :param sleep, clock, rand: injectable for tests (time.sleep, time.monotonic, random.random)
    """

    def __init__(
        self,
        credentials,
        on_token_refreshed=None,
        timeout=DEFAULT_TIMEOUT,
        policy=None,
        session=None,
        sleep=time.sleep,
        clock=time.monotonic,
        rand=random.random,
    ):
        self.credentials = credentials
        self.on_token_refreshed = on_token_refreshed
        self.timeout = timeout
        self.policy = policy or RetryPolicy()
        self.session = session or requests.Session()
        self.sleep = sleep
        self.clock = clock
        self.rand = rand

    # -- tokens -------------------------------------------------------------
    def refresh_token(self):
        """Refresh the access token through google-auth and tell the caller.

        :raises ReauthorizationRequired: the grant is revoked or expired (invalid_grant)
        """
        tokens = oauth.refresh(self.credentials, session=self.session, timeout=self.timeout)
        _logger.info("Google access token refreshed")
        if self.on_token_refreshed:
            self.on_token_refreshed(tokens.access_token, tokens.expires_at)
        return tokens

    def _auth_headers(self):
        if not self.credentials.token or (self.credentials.expiry and self.credentials.expired):
            self.refresh_token()
        return {"Authorization": "Bearer " + self.credentials.token}

    # -- calls --------------------------------------------------------------
    def backoff(self):
        """A fresh retry budget under this transport's policy and clocks."""
        return Backoff(self.policy, self.clock, self.rand)

    def request(self, method, url, params=None, json=None, data=None, headers=None, idempotent=None):
        """Send one API call and return the `requests.Response` of a 2xx or 304 answer.

        :param idempotent: whether a timeout or a dropped connection may be retried (the
            call may have reached Google); defaults to True except for POST. A POST that
            carries its own resource id is safe: a repeat answers 409, not a copy.
        :raises GoogleApiError subclasses: the typed answer (NotFound, PreconditionFailed, ...)
        :raises RateLimited / Transient: still failing once the retry budget is spent
        :raises ReauthorizationRequired: a 401 whose refresh was refused with invalid_grant
        """
        method = method.upper()
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        backoff = self.backoff()
        refreshed = False
        while True:
            call_headers = dict(headers or {})
            call_headers.update(self._auth_headers())
            try:
                response = self.session.request(
                    method, url, params=params, json=json, data=data, headers=call_headers, timeout=self.timeout
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                # A connect failure never reached Google; a read failure may have been applied.
                safe = idempotent or isinstance(exc, requests.ConnectTimeout)
                wait = backoff.next_wait() if safe else None
                error = connection_error(exc, method, url)
                if wait is None:
                    error.attempts = backoff.attempts
                    raise error from None
                self._log_retry(method, url, type(exc).__name__, backoff, wait)
                self.sleep(wait)
                continue
            if response.status_code < 400:
                return response
            payload = decode_body(response.content)
            if response.status_code == 401 and not refreshed:
                refreshed = True
                self.refresh_token()
                continue
            reason = error_reason(payload)[0]
            if is_retriable(response.status_code, reason):
                wait = backoff.next_wait(parse_retry_after(response.headers.get("Retry-After")))
                if wait is not None:
                    self._log_retry(method, url, "%s %s" % (response.status_code, reason), backoff, wait)
                    self.sleep(wait)
                    continue
            error = error_for(response.status_code, payload)
            if isinstance(error, Unauthorized):
                _logger.warning("Google still answers 401 after a token refresh: %s %s", method, _path(url))
            error.attempts = backoff.attempts
            raise error

    def json(self, method, url, **kwargs):
        """`request` and decode the JSON answer; an empty answer gives {}."""
        response = self.request(method, url, **kwargs)
        return response.json() if response.content else {}

    def _log_retry(self, method, url, why, backoff, wait):
        _logger.info("Google %s %s failed (%s); attempt %d in %.2fs", method, _path(url), why, backoff.attempts, wait)


def _path(url):
    return url.split("?", 1)[0]
