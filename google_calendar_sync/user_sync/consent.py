"""Issue 16, point 7: no consent that the settings already know Google will refuse.

Google checks the redirect URI, built from `web.base.url`, against the OAuth client's list,
and answers a mismatch with a dead-end page of its own. The settings' base URL check
(core/google/baseurl.py) knows beforehand the cases no client can list (missing, a path,
http on a public host, a bare IP): the button then says why and that an administrator must
fix it.
"""

from .. import sync_messages
from ..core.google import baseurl


def refusal_message(env, base_url, finding_text):
    """The message refusing a consent through `base_url`, or None when Google may accept it.

    :param finding_text: finding -> its sentence in the reader's language (the settings' wording)
    """
    report = baseurl.check_base_url(base_url)
    if report.ok:
        return None
    findings = " ".join(finding_text(f) for f in report.findings if f.level == baseurl.ERROR)
    return sync_messages.render(env, "base_url", {"finding": findings})
