"""The emulated consent screen: request validation in Google's order, the page, and the redirect back."""

import re
from urllib.parse import urlsplit

import pytest
import requests
from google_emulator.consent_driver import ConsentError, consent, redirect_params
from google_emulator.scopes import DESCRIPTIONS
from oauth_support import (
    ALICE,
    AUTH_PATHS,
    BOB,
    CALENDAR,
    CLIENT_ID,
    CLIENT_SECRET,
    CONTACTS,
    REDIRECT_URI,
    auth_url,
    authorize,
    seed,
)


def get(url):
    return requests.get(url, allow_redirects=False, timeout=30)


def assert_error_page(response, status, error):
    assert response.status_code == status
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Location" not in response.headers  # Google never sends these errors back to the app
    assert "Error %d: %s" % (status, error) in response.text


def decision_form(page):
    """(request_id, decision path) read off a consent page."""
    request_id = re.search(r'name="request_id" value="([^"]+)"', page.text).group(1)
    action = re.search(r'<form id="consent" method="post" action="([^"]+)"', page.text).group(1)
    return request_id, action


@pytest.mark.parametrize("path", AUTH_PATHS)
def test_consent_page_shows_app_scopes_accounts_and_buttons(google, emulator, path):
    seed(google)
    page = get(auth_url(emulator.url, path, scope=CALENDAR + " " + CONTACTS))
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert "Odoo wants to access your Google Account" in page.text
    for scope in (CALENDAR, CONTACTS):
        assert DESCRIPTIONS[scope] in page.text
    assert page.text.count('type="radio" name="account"') == 2
    assert 'value="%s"' % ALICE in page.text and 'value="%s"' % BOB in page.text
    assert 'value="allow">Allow</button>' in page.text and 'value="deny" formnovalidate>Deny</button>' in page.text
    assert decision_form(page)[1] == "/o/oauth2/v2/auth/decision"
    assert " checked" not in page.text  # no hint, no preselection


@pytest.mark.parametrize("hint", ["bob@example.com", "BOB@example.com", "sub"])
def test_login_hint_preselects_the_account(google, emulator, hint):
    seed(google)
    if hint == "sub":
        hint = next(a["sub"] for a in google.call("GET", "/accounts") if a["email"] == BOB)
    page = get(auth_url(emulator.url, login_hint=hint))
    assert 'value="%s" checked' % BOB in page.text
    assert 'value="%s" checked' % ALICE not in page.text


def test_unknown_client_gets_invalid_client_page(google, emulator):
    seed(google)
    assert_error_page(get(auth_url(emulator.url, client_id="nobody.apps.googleusercontent.com")), 401, "invalid_client")


def test_deleted_client_gets_deleted_client_page(google, emulator):
    seed(google)
    google.call(
        "POST",
        "/clients",
        {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": [REDIRECT_URI], "deleted": True},
    )
    page = get(auth_url(emulator.url))
    assert_error_page(page, 401, "deleted_client")
    assert "The OAuth client was deleted." in page.text


def test_client_is_checked_before_redirect_uri(google, emulator):
    seed(google)
    page = get(auth_url(emulator.url, client_id="nobody", redirect_uri="https://evil.example.com/cb"))
    assert_error_page(page, 401, "invalid_client")


@pytest.mark.parametrize(
    "redirect_uri",
    [
        REDIRECT_URI + "/",  # trailing slash
        REDIRECT_URI.replace("https://", "http://"),  # scheme
        REDIRECT_URI.replace("odoo.example.com", "Odoo.example.com"),  # case of the host
        REDIRECT_URI.replace("authentication", "Authentication"),  # case of the path
        REDIRECT_URI.replace("odoo.example.com", "odoo.example.com:443"),  # an explicit port
        REDIRECT_URI + "?db=prod",  # a query
        "https://odoo.example.com/google_account/other",
        "https://evil.example.com/google_account/authentication",
    ],
)
def test_redirect_uri_must_match_exactly(google, emulator, redirect_uri):
    seed(google)
    page = get(auth_url(emulator.url, redirect_uri=redirect_uri, state="s"))
    assert_error_page(page, 400, "redirect_uri_mismatch")
    assert "redirect_uri=" + redirect_uri.replace("&", "&amp;") in page.text


def test_any_registered_redirect_uri_is_accepted(google, emulator):
    other = "https://odoo.example.com:8443/google_account/authentication"
    seed(google, redirect_uris=(REDIRECT_URI, other))
    assert get(auth_url(emulator.url, redirect_uri=other)).status_code == 200


@pytest.mark.parametrize(
    "redirect_uri, status",
    [
        (REDIRECT_URI, 400),
        ("http://localhost:8069/google_account/authentication", 400),
        ("http://127.0.0.1:8069/google_account/authentication", 400),
        ("http://127.0.0.1:8765/", 200),  # what an installed app listens on
        ("http://localhost:8765", 200),
    ],
)
def test_desktop_client_has_no_web_redirect_uris(google, emulator, redirect_uri, status):
    seed(google, app_type="desktop")
    page = get(auth_url(emulator.url, redirect_uri=redirect_uri))
    if status == 400:
        assert_error_page(page, 400, "redirect_uri_mismatch")
    else:
        assert page.status_code == 200 and 'id="consent"' in page.text


@pytest.mark.parametrize(
    "params, message",
    [
        ({"client_id": None}, "Missing required parameter: client_id"),
        ({"redirect_uri": None}, "Missing required parameter: redirect_uri"),
        ({"response_type": None}, "Missing required parameter: response_type"),
        ({"response_type": "token"}, "Invalid response_type: token"),
        ({"scope": None}, "Missing required parameter: scope"),
        ({"scope": "  "}, "Missing required parameter: scope"),
        ({"access_type": "forever"}, "Invalid access_type: forever"),
        ({"prompt": "none consent"}, "none must be specified alone"),
        ({"prompt": "select_account none"}, "none must be specified alone"),
        ({"prompt": "login"}, "Invalid parameter value for prompt: login"),
        ({"code_challenge_method": "S256"}, "Missing required parameter: code_challenge"),
        ({"code_challenge": "x" * 43, "code_challenge_method": "S512"}, "Invalid code_challenge_method: S512"),
        ({"code_challenge": "short"}, "Invalid code_challenge"),
    ],
)
def test_malformed_requests_get_invalid_request_page(google, emulator, params, message):
    seed(google)
    page = get(auth_url(emulator.url, state="s", **params))
    assert_error_page(page, 400, "invalid_request")
    assert message in page.text


def test_redirect_uri_is_checked_before_other_parameters(google, emulator):
    seed(google)
    page = get(auth_url(emulator.url, redirect_uri=REDIRECT_URI + "/", response_type=None, scope="bogus"))
    assert_error_page(page, 400, "redirect_uri_mismatch")


def test_unknown_scope_gets_invalid_scope_page(google, emulator):
    seed(google)
    page = get(auth_url(emulator.url, scope=CALENDAR + " https://www.googleapis.com/auth/calendar.everything"))
    assert_error_page(page, 400, "invalid_scope")
    assert "https://www.googleapis.com/auth/calendar.everything" in page.text


@pytest.mark.parametrize("path", AUTH_PATHS)
def test_allow_redirects_with_code_scope_and_verbatim_state(google, emulator, path):
    seed(google)
    state = "csrf=a b/c&d=é+1"
    with requests.Session() as session:
        location = consent(session, auth_url(emulator.url, path, scope=CALENDAR + " " + CONTACTS, state=state), BOB)
    assert location.startswith(REDIRECT_URI + "?")
    answer = redirect_params(location)
    assert answer["state"] == state
    assert answer["code"].startswith("4/")
    assert answer["scope"].split(" ") == [CALENDAR, CONTACTS]
    assert "error" not in answer


def test_no_state_sent_means_no_state_returned(google, emulator):
    seed(google)
    answer = authorize(emulator.url)
    assert "state" not in answer and "code" in answer


def test_deny_redirects_with_access_denied(google, emulator):
    seed(google)
    answer = authorize(emulator.url, allow=False, state="xyz")
    assert answer == {"state": "xyz", "error": "access_denied"}


def test_redirect_uri_query_is_kept(google, emulator):
    with_query = REDIRECT_URI + "?db=prod"
    seed(google, redirect_uris=(with_query,))
    with requests.Session() as session:
        location = consent(session, auth_url(emulator.url, redirect_uri=with_query), ALICE)
    assert location.startswith(with_query + "&code=")
    assert redirect_params(location)["db"] == "prod"


@pytest.mark.parametrize("allow", [True, False])
def test_testing_app_blocks_accounts_outside_test_users(google, emulator, allow):
    seed(google, publishing_status="testing", test_users=[ALICE])
    with requests.Session() as session, pytest.raises(ConsentError) as caught:
        consent(session, auth_url(emulator.url, state="s"), BOB, allow=allow)
    assert caught.value.status == 403 and caught.value.error == "access_denied"
    assert "has not completed the Google verification process" in caught.value.html
    assert "can only be accessed by developer-approved testers" in caught.value.html


def test_testing_app_lets_test_users_through(google, emulator):
    seed(google, publishing_status="testing", test_users=["Alice@Example.com"])
    assert "code" in authorize(emulator.url, ALICE)


def post_decision(emulator, action, **form):
    return requests.post(emulator.url + action, data=form, allow_redirects=False, timeout=30)


def test_a_consent_page_can_be_answered_once(google, emulator):
    seed(google)
    request_id, action = decision_form(get(auth_url(emulator.url)))
    first = post_decision(emulator, action, request_id=request_id, account=ALICE, decision="allow")
    assert first.status_code == 302
    assert_error_page(
        post_decision(emulator, action, request_id=request_id, account=ALICE, decision="allow"), 400, "invalid_request"
    )


def test_a_consent_page_expires(google, emulator):
    seed(google)
    request_id, action = decision_form(get(auth_url(emulator.url)))
    google.advance_clock(3601)
    assert_error_page(
        post_decision(emulator, action, request_id=request_id, account=ALICE, decision="allow"), 400, "invalid_request"
    )


@pytest.mark.parametrize(
    "form",
    [
        {"decision": "allow"},  # no account chosen
        {"decision": "allow", "account": "mallory@example.com"},
        {"decision": "maybe", "account": ALICE},
        {"decision": "allow", "account": ALICE, "request_id": "made-up"},
    ],
)
def test_bad_decisions_are_refused(google, emulator, form):
    seed(google)
    request_id, action = decision_form(get(auth_url(emulator.url)))
    response = post_decision(emulator, action, **{"request_id": request_id, **form})
    assert_error_page(response, 400, "invalid_request")


def test_client_deleted_while_page_is_open(google, emulator):
    seed(google)
    request_id, action = decision_form(get(auth_url(emulator.url)))
    google.call(
        "POST",
        "/clients",
        {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": [REDIRECT_URI], "deleted": True},
    )
    response = post_decision(emulator, action, request_id=request_id, account=ALICE, decision="allow")
    assert_error_page(response, 401, "deleted_client")


def test_include_granted_scopes_adds_earlier_grants(google, emulator):
    seed(google)
    authorize(emulator.url, scope=CALENDAR)
    assert authorize(emulator.url, scope=CONTACTS)["scope"] == CONTACTS
    assert authorize(emulator.url, scope=CONTACTS, include_granted_scopes="true")["scope"].split() == [
        CONTACTS,
        CALENDAR,
    ]
    # Another account's grant is its own.
    assert authorize(emulator.url, BOB, scope=CONTACTS, include_granted_scopes="true")["scope"] == CONTACTS


def test_prompt_none_answers_without_a_page_once_consented(google, emulator):
    seed(google)
    authorize(emulator.url, scope=CALENDAR)
    response = get(auth_url(emulator.url, prompt="none", login_hint=ALICE, state="s"))
    assert response.status_code == 302
    answer = redirect_params(response.headers["Location"])
    assert answer["state"] == "s" and answer["code"].startswith("4/") and answer["prompt"] == "none"


@pytest.mark.parametrize(
    "hint, scope, error",
    [
        (None, CALENDAR, "login_required"),
        ("nobody@example.com", CALENDAR, "login_required"),
        (ALICE, CALENDAR + " " + CONTACTS, "consent_required"),
        (BOB, CALENDAR, "consent_required"),
    ],
)
def test_prompt_none_redirects_the_reason_a_page_was_needed(google, emulator, hint, scope, error):
    seed(google)
    authorize(emulator.url, ALICE, scope=CALENDAR)
    response = get(auth_url(emulator.url, prompt="none", login_hint=hint, scope=scope, state="s"))
    assert response.status_code == 302
    assert redirect_params(response.headers["Location"]) == {"state": "s", "error": error}


def test_counters_name_the_authorization_routes(google, emulator):
    seed(google)
    authorize(emulator.url)
    get(auth_url(emulator.url, path="/o/oauth2/auth", client_id="nobody"))
    counters = google.counters()
    assert counters["oauth.authorize"] == 2
    assert counters["oauth.consent"] == 1


def test_driver_reports_error_pages(google, emulator):
    seed(google)
    with requests.Session() as session, pytest.raises(ConsentError) as caught:
        consent(session, auth_url(emulator.url, redirect_uri="https://evil.example.com/"), ALICE)
    assert (caught.value.status, caught.value.error) == (400, "redirect_uri_mismatch")
    assert urlsplit(REDIRECT_URI).hostname not in caught.value.html
