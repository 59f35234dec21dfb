"""Looking at the results: a review page, notebook display, a terminal view.

::

    from policy_nlp.report import build_report
    build_report("dataset/", "report.html")          # one self-contained HTML page

    policy_nlp.display(doc)                          # in a notebook (see policy_nlp.display)
    from policy_nlp.report.terminal import show_file # what `policy-nlp show FILE` prints
    from policy_nlp.report import notebook as nb     # short cells: nb.dataset(), nb.cjk_font() ...
"""
from __future__ import annotations

from policy_nlp.report.page import build_report, payloads, render_page
from policy_nlp.report.render import article_html, article_payload, segment_tree

__all__ = ["build_report", "render_page", "payloads", "article_payload", "article_html", "segment_tree", "notebook"]


def __getattr__(name: str):
    # ``policy_nlp.report.notebook`` without importing it (and matplotlib) up front.
    if name == "notebook":
        import importlib

        return importlib.import_module("policy_nlp.report.notebook")
    raise AttributeError(name)
