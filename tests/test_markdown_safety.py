"""Playbook texts are a safe subset of Markdown: what could run a script, fetch from elsewhere
or reshape a page is refused by the model, and whatever it accepts renders inert."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from salesplaybook.markdown_rules import ALLOWED_SCHEMES, link_scheme, problem
from salesplaybook.model import LongText, Text
from salesplaybook.render.md import MARKDOWN_EXTENSIONS, inline_html

HOSTILE_ONE_LINE = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript&colon;alert(1))",
    "[x](java%73cript:alert(1))",
    "[x]( \tjavascript:alert(1))",
    "[x](java\u0000script:alert(1))",
    "[x](data:text/html,<b>x</b>)",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    "[x](&amp;#106;avascript:alert(1))",
    "*x*{: onfocus=alert(1) autofocus tabindex=1 }",
    "x{#id .cls}",
    "x{ data-a=1 }",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='x'>y</a>",
    "<!-- x -->",
    "![logo](https://example.com/x.png)",
    "![logo](x.png)",
    "# heading", "- item", "1. first", "> quote", "===",
    "a\nb", "a\rb", "a\u2028b", "a\u2029b", "a\x85b", "a\vb",
]
HOSTILE_LONG = [
    "intro\n\n# a heading",
    "intro\n\n## a heading",
    "intro\nUnderlined\n===",
    "intro\nUnderlined\n---",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "a\n\n[ref]: javascript:alert(1)\n\nsee [x][ref]",
    "a\n\n<div onclick=alert(1)>x</div>",
]
ALLOWED_ONE_LINE = [
    "经手人确认了会面的时间、地点和主题。",
    "**加粗**与 *强调*",
    "[表单](../forms/call-log.md)",
    "[a](https://example.com/x?y=1)",
    "[mail](mailto:a@example.com)",
    "[call](tel:+86-10-1234)",
    "a < b and c > d",
    "{id, label}",
    "2 × 3 = 6",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`code {: x}`" if False else "`code`",
    "50% 的预付款",
]
ALLOWED_LONG = ["第一段。\n\n- 一\n- 二\n\n第二段。", "a\n\n1. one\n2. two"]


@pytest.mark.parametrize("text", HOSTILE_ONE_LINE)
def test_hostile_one_line_texts_are_refused(text):
    assert problem(text, one_line=True) is not None
    with pytest.raises(ValidationError):
        Text(zh=text)


@pytest.mark.parametrize("text", HOSTILE_LONG)
def test_hostile_long_texts_are_refused(text):
    assert problem(text, one_line=False) is not None
    with pytest.raises(ValidationError):
        LongText(zh="正文", en=text)


@pytest.mark.parametrize("text", ALLOWED_ONE_LINE)
def test_ordinary_texts_are_accepted(text):
    assert problem(text, one_line=True) is None, problem(text, one_line=True)


@pytest.mark.parametrize("text", ALLOWED_LONG)
def test_paragraphs_and_lists_are_accepted_in_long_texts(text):
    assert problem(text, one_line=False) is None


def test_schemes_are_read_as_a_browser_reads_them():
    assert link_scheme("JAVASCRIPT:x") == "javascript"
    assert link_scheme("&#x6a;ava\tscript:x") == "javascript"
    assert link_scheme("../forms/x.md") is None
    assert link_scheme("https://x") == "https"


# --- whatever is accepted renders inert ---


class _Unsafe(HTMLParser):
    """Collects what in rendered HTML could run, fetch or reshape: script-like elements, event
    handlers, links to other schemes, images, headings and tables."""

    RUNS = {"script", "iframe", "object", "embed", "img", "svg", "math", "style", "link", "meta", "form", "base"}
    SHAPES = {"h1", "h2", "h3", "h4", "h5", "h6", "table"}
    ONE_LINE_SHAPES = SHAPES | {"ul", "ol", "blockquote", "pre", "p", "hr"}

    def __init__(self, one_line: bool) -> None:
        super().__init__()
        self.shapes = self.ONE_LINE_SHAPES if one_line else self.SHAPES
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.RUNS or tag in self.shapes:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                self.found.append(f"{tag}@{name}")
            if name in ("href", "src", "action", "xlink:href") and value is not None:
                scheme = link_scheme(value)
                if scheme is not None and scheme not in ALLOWED_SCHEMES:
                    self.found.append(f"{tag}@{name}={value}")


def _unsafe(html: str, one_line: bool = False) -> list[str]:
    parser = _Unsafe(one_line)
    parser.feed(html)
    return parser.found


def _page(text: str) -> str:
    """A text as the site renders it inside a page (a list item, MkDocs' extensions)."""
    import markdown

    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS)).convert(f"## Heading\n\n- {text}\n\n**x**: {text}\n")


FRAGMENTS = ["<", ">", "&", "#", "&#106;", "&#x6A;", "&colon;", "javascript", "JaVaScRiPt", "data", "vbscript", ":", "[", "]",
             "(", ")", "{", "}", "{:", " ", "\t", "\n", "\u2028", "*", "_", "`", "!", "=", "on", "onerror", "onfocus", "alert(1)",
             "\"", "'", "|", "-", "---", "%", "script", "img", "src", "href", "iframe", "svg", "://", "http", "x", "客户", "\\"]
texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=24).map("".join)


@pytest.mark.fuzz
@settings(max_examples=3000, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts)
def test_fuzz_an_accepted_text_never_renders_a_script_or_a_handler(text):
    for one_line in (True, False):
        if problem(text, one_line=one_line) is None:
            stripped = text.strip()
            assert _unsafe(inline_html(stripped), one_line) == [], (text, inline_html(stripped))
            body = _page(stripped) if one_line else _page(stripped.replace("\n", " "))
            assert _unsafe(body.split("</h2>", 1)[1]) == [], (text, body)


def test_the_fuzz_check_can_fail():
    assert _unsafe('<a href="javascript:alert(1)">x</a>') and _unsafe('<p onclick="x">') and _unsafe("<script>")


def test_a_table_cell_keeps_an_escaped_pipe_escaped_once():
    from salesplaybook.render.md import cell, table

    assert cell("a | b") == "a \\| b" and cell("a \\| b") == "a \\| b"
    import markdown

    html = markdown.Markdown(extensions=["tables"]).convert(table(["x", "y"], [["a \\| b", "c|d"]]))
    assert html.count("<td>") == 2
