"""Descriptions between Odoo HTML and Google text: tables of odd inputs, plus the stability property."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from google_calendar_sync.core.calendar.mapping_html import (
    canonical_description,
    google_to_html,
    html_to_google,
    looks_like_html,
)


@pytest.mark.parametrize(
    "markup, expected",
    [
        (None, ""),
        (False, ""),
        ("", ""),
        ("<p><br></p>", ""),
        ("<p>   </p>", ""),
        ("<p>Hello</p>", "Hello"),
        ("<p>Hello</p><p>World</p>", "Hello\nWorld"),
        ("<p>a<br>b</p>", "a\nb"),
        ("<p>a</p><p><br></p><p>b</p>", "a\n\nb"),
        ("<div>a</div>\n  <div>b</div>", "a\nb"),
        ("<p>a\n   b</p>", "a b"),  # source newlines are spaces in HTML
        ("<p>Fish &amp; chips &lt;3</p>", "Fish & chips <3"),
        ("<p>caf&eacute; &#233; &#xe9;</p>", "café é é"),
        ("<h1>Title</h1><p>text</p>", "Title\ntext"),
        ("<p>x</p><script>alert(1)</script><p>y</p>", "x\ny"),
        ("<style>p {color: red}</style><p>styled</p>", "styled"),
        ("<p>x<!-- secret --></p>", "x"),
        ("<p><img src='x.png' onerror='alert(1)'>pic</p>", "pic"),
        ("<p><span style='color:red'>red</span> text</p>", "red text"),
        ("<p>unclosed <script>alert(1)", "unclosed"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "ab\nc"),
        # Formatting survives, as HTML with <br> line breaks.
        ("<p><b>Bold</b> and <i>it</i></p><p>next</p>", "<b>Bold</b> and <i>it</i><br>next"),
        ("<p><strong>S</strong> <em>E</em> <u>U</u></p>", "<strong>S</strong> <em>E</em> <u>U</u>"),
        (
            '<p><a href="https://x.org/?a=1&amp;b=2" target="_blank" class="c">link</a></p>',
            '<a href="https://x.org/?a=1&amp;b=2">link</a>',
        ),
        ('<p><a href="mailto:a@x.org">mail</a></p>', '<a href="mailto:a@x.org">mail</a>'),
        ('<a href="javascript:alert(1)">js</a>', "js"),
        ('<a href="  JavaScript:alert(1)">js</a>', "js"),
        ("<a>anchor</a>", "anchor"),
        ("<p>Agenda</p><ul><li>one</li><li>two</li></ul><p>end</p>", "Agenda<ul><li>one</li><li>two</li></ul>end"),
        ("<b>bold <i>both</b> plain", "<b>bold <i>both</i></b> plain"),  # misnested
        ("<b>never closed", "<b>never closed</b>"),
        ("<p><b></b>empty tags</p>", "empty tags"),
        # Text that would read back as markup stays escaped.
        ("<p>type &lt;b&gt; for bold</p>", "type &lt;b&gt; for bold"),
        ("<p>AT&amp;amp;T</p>", "AT&amp;amp;T"),
        ("<p>a &lt; b &gt; c</p>", "a < b > c"),
    ],
)
def test_html_to_google(markup, expected):
    assert html_to_google(markup) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (None, ""),
        ("", ""),
        ("\n\n", ""),
        ("Hello", "<p>Hello</p>"),
        ("line 1\nline 2", "<p>line 1<br>line 2</p>"),
        ("para 1\n\npara 2\n", "<p>para 1<br><br>para 2</p>"),
        ("Fish & chips <3", "<p>Fish &amp; chips &lt;3</p>"),
        ("x < y and y > z", "<p>x &lt; y and y &gt; z</p>"),
        ("  indented   words  ", "<p>indented words</p>"),
        ("<b>Bold</b><br>next", "<p><b>Bold</b><br>next</p>"),
        ("<b>Bold</b>\nnext", "<p><b>Bold</b><br>next</p>"),  # Google UI mixes both
        (
            'Join: <a href="https://meet.google.com/abc">meet</a>',
            '<p>Join: <a href="https://meet.google.com/abc">meet</a></p>',
        ),
        ("<ul><li>a</li></ul>", "<div><ul><li>a</li></ul></div>"),
        ("<script>alert(1)</script>hi", "<p>hi</p>"),
        ("Tom &amp; Jerry", "<p>Tom &amp; Jerry</p>"),
        ('<a href="javascript:x()" onclick="y()">click</a>', "<p>click</p>"),
        ("<html><head><title>T</title></head><body><p>body</p></body></html>", "<p>body</p>"),
    ],
)
def test_google_to_html(text, expected):
    assert google_to_html(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("plain", False),
        ("a < b", False),
        ("x<y>z", False),
        ("<b>x</b>", True),
        ("a<br/>b", True),
        ("&amp;", True),
        ("&#8212;", True),
        ("& alone", False),
        ("<notatag>", False),
        ("<B>upper</B>", True),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


@pytest.mark.parametrize(
    "text",
    ["plain\ntext", "a  b", "<b>x</b>\ny", "Fish & chips", "<ul><li>a</li></ul>tail", "\n\n lead", "x&amp;y"],
)
def test_canonical_description_is_idempotent(text):
    once = canonical_description(text)
    assert canonical_description(once) == once


_fragments = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<br>",
        "<br/>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<u>",
        "</u>",
        "<strong>",
        "</strong>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<div>",
        "</div>",
        "<h2>",
        "</h2>",
        "<span>",
        "</span>",
        '<a href="https://x.org/a?b=1&amp;c=2">',
        '<a href="javascript:x">',
        "</a>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<!-- c -->",
        "&amp;",
        "&lt;",
        "&gt;",
        "&nbsp;",
        "&lt;b&gt;",
        "<B>",
        "</B>",
        "<P>",
        "<BR>",
        '<A HREF="http://x.org">',
        " ",
        "  ",
        "\n",
        "\t",
        "<",
        ">",
        "&",
        "text",
        "é",
        "ü",
        "x<y",
        "<b",
        "<img src=x>",
        "<table><tr><td>",
    ]
)
_markup = st.lists(st.one_of(_fragments, st.text(max_size=5)), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(_markup)
def test_description_survives_a_trip_through_odoo(markup):
    """What we send Google reads back unchanged after Odoo stores it: no flapping descriptions."""
    google = html_to_google(markup)
    assert html_to_google(google_to_html(google)) == google


@settings(max_examples=300, deadline=None)
@given(_markup)
def test_google_to_html_output_is_clean(text):
    result = google_to_html(text)
    assert "<script" not in result.lower() and "<style" not in result.lower()
    assert "javascript:" not in result.lower()
    tags = re.findall(r"<\s*([a-zA-Z0-9]+)([^>]*)>", result)
    for tag, attrs in tags:
        assert tag in {"p", "div", "br", "b", "strong", "i", "em", "u", "s", "strike", "ul", "ol", "li", "a"}
        assert attrs == "" or re.fullmatch(r' href="[^"]*"', attrs)
    assert canonical_description(canonical_description(text)) == canonical_description(text)
