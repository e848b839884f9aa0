"""Descriptions between Odoo's HTML field and Google's description text.

Google's description is plain text for most API clients and phones, while its web UI writes and
renders a small HTML subset (b, i, u, a, lists, br). The conversion therefore:

- `html_to_google`: keeps that subset (links only with http, https, mailto or tel), turns
  paragraphs and other blocks into line breaks, drops scripts, styles, comments, images and every
  attribute but `href`. When nothing but text and line breaks remain, the result is plain text
  with newlines, which every client shows well; otherwise it is HTML with `<br>` line breaks.
- `google_to_html`: plain text is escaped and its newlines become `<br>` inside one paragraph;
  HTML (recognised by a known tag or an entity) is cleaned with the same rules.

`html_to_google(google_to_html(x)) == x` holds for every `x` that `html_to_google` returns, so a
description that went through Odoo once does not look changed on the next run.
"""

import html
import html.parser
import re

_KEPT = {"a", "b", "strong", "i", "em", "u", "s", "strike", "ul", "ol", "li"}
_LISTS = {"ul", "ol", "li"}
_BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "hr",
    "dt",
    "dd",
    "dl",
    "address",
    "figure",
}
_DROPPED_WITH_CONTENT = {"script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg"}
_LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_LOOKS_HTML = re.compile(
    r"</?(?:%s|br|p|div|span|font|img|h[1-6]|table|blockquote|pre|hr|script|style)\b[^>]*>"
    r"|&(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#[xX][0-9a-fA-F]+);" % "|".join(sorted(_KEPT)),
    re.IGNORECASE,
)

BREAK, SOFT = ("br",), ("soft",)


class _Cleaner(html.parser.HTMLParser):
    """Turns HTML into a flat token list: text, hard breaks, soft (block) breaks, kept tags."""

    def __init__(self, newlines_break):
        super().__init__(convert_charrefs=True)
        self.newlines_break = newlines_break
        self.tokens = []
        self.open = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag == "br":
            self.tokens.append(BREAK)
        elif tag in _BLOCKS:
            self.tokens.append(SOFT)
        elif tag in _KEPT:
            href = ""
            if tag == "a":
                href = (dict(attrs).get("href") or "").strip()
                if not href.lower().startswith(_LINK_SCHEMES):
                    return
            self.open.append(tag)
            self.tokens.append(("open", tag, href))

    def handle_startendtag(self, tag, attrs):
        if tag not in _DROPPED_WITH_CONTENT:
            self.handle_starttag(tag, attrs)
            if tag in _KEPT:
                self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        elif self.skipping:
            return
        elif tag in _BLOCKS:
            self.tokens.append(SOFT)
        elif tag in self.open:
            # Closing an outer tag closes whatever was left open inside it, as browsers do.
            while self.open:
                inner = self.open.pop()
                self.tokens.append(("close", inner))
                if inner == tag:
                    break

    def handle_data(self, data):
        if self.skipping:
            return
        lines = data.split("\n") if self.newlines_break else [data]
        for index, line in enumerate(lines):
            if index:
                self.tokens.append(BREAK)
            text = _SPACES.sub(" ", line)
            if text:
                self.tokens.append(("text", text))

    def finish(self):
        self.close()
        while self.open:
            self.tokens.append(("close", self.open.pop()))
        return _tidy(self.tokens)


def _tidy(tokens):
    """Collapse spaces around breaks, merge soft breaks, drop empty tags and edge breaks."""
    out = []
    for token in tokens:
        if token[0] == "text":
            text = token[1]
            if not out or out[-1] in (BREAK, SOFT) or (out[-1][0] == "text" and out[-1][1].endswith(" ")):
                text = text.lstrip(" ")
            if not text:
                continue
            if out and out[-1][0] == "text":
                out[-1] = ("text", out[-1][1] + text)
            else:
                out.append(("text", text))
            continue
        if token in (BREAK, SOFT) and out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1].rstrip(" "))
            if not out[-1][1]:
                out.pop()
        if token == SOFT and (not out or out[-1] in (SOFT, BREAK) or _is_list_tag(out[-1])):
            continue
        if token[0] == "open" and token[1] in _LISTS:
            while out and out[-1] == SOFT:
                out.pop()
        if token[0] == "close" and out and out[-1][0] == "open" and out[-1][1] == token[1]:
            out.pop()  # an empty <b></b> says nothing
            continue
        out.append(token)
    while out and (out[-1] in (SOFT, BREAK) or (out[-1][0] == "text" and not out[-1][1].strip(" "))):
        out.pop()
    if out and out[-1][0] == "text":
        out[-1] = ("text", out[-1][1].rstrip(" "))
    while out and out[0] in (SOFT, BREAK):
        out.pop(0)
    return [BREAK if token == SOFT else token for token in out]


def _is_list_tag(token):
    return token[0] in ("open", "close") and token[1] in _LISTS


def _render_html(tokens):
    parts = []
    for token in tokens:
        if token == BREAK:
            parts.append("<br>")
        elif token[0] == "text":
            parts.append(html.escape(token[1], quote=False))
        elif token[0] == "open":
            href = token[2]
            parts.append('<a href="%s">' % html.escape(href, quote=True) if href else "<%s>" % token[1])
        else:
            parts.append("</%s>" % token[1])
    return "".join(parts)


def _clean(markup, newlines_break):
    cleaner = _Cleaner(newlines_break)
    cleaner.feed(markup)
    return cleaner.finish()


def looks_like_html(text):
    """Whether a Google description should be read as HTML rather than plain text.

    :param text: a Google description
    """
    return bool(_LOOKS_HTML.search(text or ""))


def html_to_google(markup):
    """Google description text for an Odoo HTML description (see the module docstring).

    :param markup: Odoo's `description` (HTML, may be False/None/empty)
    """
    if not markup:
        return ""
    tokens = _clean(markup, newlines_break=False)
    if all(token == BREAK or token[0] == "text" for token in tokens):
        plain = "".join("\n" if token == BREAK else token[1] for token in tokens)
        # Plain text that would be read back as HTML ("&amp;", "<b>" typed literally) must
        # stay escaped, or the next round would turn it into markup.
        if not looks_like_html(plain):
            return plain
    return _render_html(tokens)


def google_to_html(text):
    """Odoo HTML for a Google description (see the module docstring).

    :param text: Google's `description` (plain text or HTML, may be None)
    """
    if not text:
        return ""
    if looks_like_html(text):
        tokens = _clean(text, newlines_break=True)
        body = _render_html(tokens)
        if any(_is_list_tag(token) for token in tokens):
            # A list cannot sit inside a paragraph; Odoo's sanitizer would split it apart.
            return "<div>%s</div>" % body
    else:
        lines = [_SPACES.sub(" ", line).strip(" ") for line in text.split("\n")]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        body = "<br>".join(html.escape(line, quote=False) for line in lines)
    return "<p>%s</p>" % body if body else ""


def canonical_description(text):
    """The form a Google description takes after one trip through Odoo (used to compare).

    :param text: Google's `description`
    """
    return html_to_google(google_to_html(text))
