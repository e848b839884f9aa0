"""Clicks through the emulated consent screen over HTTP, as a browser would, for tests without one.

`consent()` loads the authorization URL, reads the form the page holds, picks the account
and presses Allow or Deny. It knows nothing of the emulator's insides: it sees only the
HTML and the redirects, so whatever it gets is what a person in a browser would get.
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

_ERROR_CODE = re.compile(r"Error (\d{3}): ([a-z_]+)")


class ConsentError(Exception):
    """The flow stopped on a page instead of redirecting to the app (an error page, mostly)."""

    def __init__(self, status, error, html):
        super().__init__("consent stopped with HTTP %s: %s" % (status, error))
        self.status = status
        self.error = error  # e.g. "redirect_uri_mismatch", from the page's "Error 400: ..." line
        self.html = html

    @classmethod
    def from_response(cls, response):
        found = _ERROR_CODE.search(response.text)
        return cls(response.status_code, found.group(2) if found else None, response.text)


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.action = None
        self.fields = {}  # hidden inputs
        self.accounts = []  # values of the account radio buttons
        self.buttons = {}  # submit value -> field name

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = attrs.get("action", "")
        elif tag == "input" and attrs.get("type") == "hidden":
            self.fields[attrs.get("name")] = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") == "radio":
            self.accounts.append(attrs.get("value"))
        elif tag == "button" and attrs.get("type", "submit") == "submit":
            self.buttons[attrs.get("value")] = attrs.get("name")


def redirect_params(location):
    """The query of a redirect back to the app, one value per name."""
    return {name: values[0] for name, values in parse_qs(urlsplit(location).query, keep_blank_values=True).items()}


def consent(session, auth_url, account_email, allow=True, timeout=30):
    """Run the consent screen at `auth_url` for `account_email`; return the redirect's Location.

    The redirect is not followed: the caller decides whether to hand it to the app. A page
    that is not the consent form (an error page, the testing-app block) raises ConsentError.
    """
    page = session.get(auth_url, allow_redirects=False, timeout=timeout)
    if page.is_redirect:  # prompt=none answers without a page
        return page.headers["Location"]
    if page.status_code != 200:
        raise ConsentError.from_response(page)
    form = _FormReader()
    form.feed(page.text)
    if form.action is None:
        raise ConsentError.from_response(page)
    if account_email is not None and account_email.lower() not in form.accounts:
        raise ConsentError(
            page.status_code, "account_not_offered: %s not in %s" % (account_email, form.accounts), page.text
        )
    choice = "allow" if allow else "deny"
    data = dict(form.fields)
    data[form.buttons[choice]] = choice
    if account_email is not None:
        data["account"] = account_email.lower()
    answer = session.post(urljoin(page.url, form.action), data=data, allow_redirects=False, timeout=timeout)
    if answer.is_redirect:
        return answer.headers["Location"]
    raise ConsentError.from_response(answer)
