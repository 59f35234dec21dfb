"""HTML pages: keep the main text, drop navigation, scripts and styles.

trafilatura is the maintained main-content extractor; it keeps paragraph breaks,
which the structure stage needs for headings and sentences.
"""
from __future__ import annotations

import trafilatura


def html_main_text(html: str) -> tuple[str, dict]:
    """(main text, metadata such as title and date found in the page)."""
    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=False,
    )
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
