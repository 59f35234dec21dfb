"""HTML pages: keep the main text, drop navigation, scripts and styles.

trafilatura is the maintained main-content extractor; it keeps paragraph breaks,
which the structure stage needs for headings and sentences.
"""
from __future__ import annotations

import html as html_lib

import regex

_DROP = regex.compile(r"<(script|style|noscript|template)\b[^>]*+>.*?</\1\s*>", regex.S | regex.I)
_BLOCK = regex.compile(r"<(?:/?(?:p|div|br|li|h[1-6]|tr|section|article)\b)[^>]*+>", regex.I)
_TAG = regex.compile(r"<[^>]*+>")


def strip_tags(page: str) -> str:
    """Plain text of a page by dropping markup: the fallback when the main-content
    extractor gives up (pages nested thousands deep defeat tree parsers)."""
    text = _DROP.sub(" ", page, timeout=30)
    text = _BLOCK.sub("\n", text, timeout=30)
    text = _TAG.sub("", text, timeout=30)
    text = html_lib.unescape(text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


class HtmlUnavailable(ImportError):
    """The HTML extractor cannot be imported: an installation problem, not a bad page."""


def _trafilatura():
    """trafilatura, imported on the first HTML page (0.15 s of start-up otherwise); a broken
    installation becomes one clear sentence instead of a traceback through three packages
    (lxml >= 5.2 split out lxml.html.clean, which jusText needs)."""
    try:
        import trafilatura
    except ImportError as exc:
        raise HtmlUnavailable(f"cannot read HTML: the HTML extractor (trafilatura) does not import: {exc} "
                              "(reinstall policy-nlp so that its dependencies are complete)") from exc
    return trafilatura


def html_main_text(html: str) -> tuple[str, dict]:
    """(main text, metadata such as title and date found in the page)."""
    trafilatura = _trafilatura()
    try:
        text = trafilatura.extract(
            html,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            deduplicate=False,
        )
    except (RecursionError, ValueError):
        text = None
    if not text:
        text = strip_tags(html)
    meta: dict = {}
    try:
        md = trafilatura.extract_metadata(html)
    except Exception:  # metadata is a nicety; a page without it is still read
        md = None
    if md is not None:
        if md.title:
            meta["title"] = md.title
        if md.date:
            meta["date"] = md.date
    return (text or "").strip(), meta
