"""web.base.url checks: one row per case an admin meets in Google's console."""

import pytest

from google_calendar_sync.core.google.baseurl import check_base_url


def codes(report, level=None):
    return sorted(f.code for f in report.findings if level is None or f.level == level)


@pytest.mark.parametrize(
    ("base_url", "browser", "frozen", "ok", "errors", "warnings", "redirect"),
    [
        (
            "https://erp.example.com",
            "erp.example.com",
            True,
            True,
            [],
            [],
            "https://erp.example.com/google_account/authentication",
        ),
        ("https://erp.example.com/", None, True, True, [], [], "https://erp.example.com/google_account/authentication"),
        (
            "https://ERP.Example.com:8443",
            "erp.example.com:8443",
            True,
            True,
            [],
            [],
            "https://erp.example.com:8443/google_account/authentication",
        ),
        ("", None, False, False, ["missing"], [], ""),
        ("   ", None, False, False, ["missing"], [], ""),
        ("erp.example.com", None, False, False, ["not_url"], [], ""),
        ("ftp://erp.example.com", None, False, False, ["not_url"], [], ""),
        (
            "https://erp.example.com/odoo",
            None,
            True,
            False,
            ["path"],
            [],
            "https://erp.example.com/google_account/authentication",
        ),
        (
            "http://erp.example.com",
            None,
            True,
            False,
            ["http_public"],
            [],
            "http://erp.example.com/google_account/authentication",
        ),
        ("https://203.0.113.7", None, True, False, ["ip"], [], "https://203.0.113.7/google_account/authentication"),
        (
            "http://203.0.113.7:8069",
            None,
            True,
            False,
            ["http_public", "ip"],
            [],
            "http://203.0.113.7:8069/google_account/authentication",
        ),
        (
            "http://localhost:8069",
            "localhost:8069",
            True,
            True,
            [],
            [],
            "http://localhost:8069/google_account/authentication",
        ),
        (
            "http://127.0.0.1:8069",
            "127.0.0.1:8069",
            True,
            True,
            [],
            [],
            "http://127.0.0.1:8069/google_account/authentication",
        ),
        (
            "https://erp.example.com",
            "odoo.internal:8069",
            True,
            True,
            [],
            ["host_mismatch"],
            "https://erp.example.com/google_account/authentication",
        ),
        (
            "https://erp.example.com",
            "erp.example.com",
            False,
            True,
            [],
            ["not_frozen"],
            "https://erp.example.com/google_account/authentication",
        ),
        (
            "https://erp.example.com/?db=x",
            None,
            True,
            False,
            ["query"],
            [],
            "https://erp.example.com/google_account/authentication",
        ),
    ],
)
def test_base_url_cases(base_url, browser, frozen, ok, errors, warnings, redirect):
    report = check_base_url(base_url, browser_host=browser, frozen=frozen)
    assert report.ok is ok
    assert codes(report, "error") == errors
    assert codes(report, "warning") == warnings
    assert report.redirect_uri == redirect


def test_origin_has_no_path_and_keeps_port():
    report = check_base_url("https://erp.example.com:8443/")
    assert report.origin == "https://erp.example.com:8443"


def test_mismatch_finding_names_both_hosts():
    report = check_base_url("https://erp.example.com", browser_host="10.0.0.5:8069", frozen=True)
    (mismatch,) = [f for f in report.findings if f.code == "host_mismatch"]
    assert mismatch.params == {"configured": "erp.example.com", "browser": "10.0.0.5:8069"}
