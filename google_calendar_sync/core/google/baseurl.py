"""Checks the database's public URL (`web.base.url`) the way Google's console will judge it.

Most `redirect_uri_mismatch` reports come from a base URL that differs from what the admin
registered: a path, http behind an https proxy, an IP address, or another host name than
the one users type. This module finds those before Google does. It returns finding codes,
not sentences, so the Odoo side can word (and translate) them.
"""

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

CALLBACK_PATH = "/google_account/authentication"

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Finding:
    level: str  # error | warning | info
    code: str  # missing | not_url | path | http_public | ip | host_mismatch | frozen | not_frozen | query
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class BaseUrlReport:
    origin: str  # what to paste as "Authorized JavaScript origin"
    redirect_uri: str  # what to paste as "Authorized redirect URI"
    findings: tuple

    @property
    def ok(self):
        return not any(f.level == ERROR for f in self.findings)


def _is_loopback(host):
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_ip(host):
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def check_base_url(base_url, browser_host=None, frozen=False):
    """Judge `web.base.url` and derive the two values to paste in Google's console.

    :param base_url: the value of the `web.base.url` system parameter
    :param browser_host: the host (with port, if any) the admin's browser used for this request
    :param frozen: whether `web.base.url.freeze` is set (otherwise Odoo rewrites the URL at
        each admin login, from whatever host the admin used)
    :return: a BaseUrlReport; `ok` is False when Google would refuse the redirect URI
    """
    findings = []
    raw = (base_url or "").strip()
    if not raw:
        return BaseUrlReport("", "", (Finding(ERROR, "missing"),))
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return BaseUrlReport("", "", (Finding(ERROR, "not_url", {"url": raw}),))
    host = parts.hostname.lower()
    netloc = host if parts.port is None else "%s:%d" % (host, parts.port)
    origin = "%s://%s" % (parts.scheme, netloc)
    if parts.path not in ("", "/"):
        findings.append(Finding(ERROR, "path", {"path": parts.path, "origin": origin}))
    if parts.query or parts.fragment:
        findings.append(Finding(ERROR, "query", {"url": raw}))
    loopback = _is_loopback(host)
    if parts.scheme == "http" and not loopback:
        findings.append(Finding(ERROR, "http_public", {"host": host}))
    if _is_ip(host) and not loopback:
        findings.append(Finding(ERROR, "ip", {"host": host}))
    if browser_host and browser_host.lower() != netloc:
        findings.append(Finding(WARNING, "host_mismatch", {"configured": netloc, "browser": browser_host.lower()}))
    findings.append(Finding(INFO, "frozen") if frozen else Finding(WARNING, "not_frozen"))
    return BaseUrlReport(origin, origin + CALLBACK_PATH, tuple(findings))
