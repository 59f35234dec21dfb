"""Building articles: a decoded document in, articles with metadata and sentences out."""
from __future__ import annotations

from policy_nlp.geo import divisions
from policy_nlp.records import Article, Document
from policy_nlp.structure.articles import ArticleLines, split_articles
from policy_nlp.structure.header import parse_header
from policy_nlp.structure.metadata import extract_metadata
from policy_nlp.structure.normalise import normalise_text
from policy_nlp.structure.sentences import split_sentences


def _article_ranges(lines: list[str], pre_split: bool) -> list[ArticleLines]:
    if pre_split:  # the record is exactly one article: never split it
        return [ArticleLines(0, len(lines), parse_header(lines, 0, len(lines)))]
    return split_articles(lines)


def build_articles(doc: Document) -> list[Article]:
    """The articles of a document, in file order, each with metadata and sentences.

    A plain file may hold several articles one after another; a JSON Lines record
    (``pre_split``) is one article, and its keys title/region/year/date win over what the
    text says. An article without its own dated statement takes the year of a neighbouring
    article of the same file (articles of one issue appeared together).
    """
    text = normalise_text(doc.text)
    if not text:
        return []
    lines = text.split("\n")
    record = doc.metadata if doc.pre_split else {}
    articles: list[Article] = []
    for index, part in enumerate(_article_ranges(lines, doc.pre_split)):
        own_lines = lines[part.start:part.end]
        header = part.header.shifted(-part.start)
        meta = extract_metadata(own_lines, header, record=record, source=doc.source)
        if not doc.pre_split and meta.title is None and isinstance(doc.metadata.get("title"), str):
            meta.title, meta.sources["title"] = doc.metadata["title"].strip() or None, "document"
        article_text = "\n".join(own_lines)
        article = Article(
            source=doc.source,
            source_path=doc.source_path,
            article_index=index,
            text=article_text,
            title=meta.title,
            author_org=meta.author_org,
            author=meta.author,
            region=meta.region,
            year=meta.year,
            locality=locality_of(meta.author_org, meta.title),
            sentences=split_sentences(article_text, header),
            metadata={**doc.metadata, "line_no": doc.line_no, "field_sources": meta.sources},
        )
        articles.append(article)
    _share_years(articles)
    return articles


def locality_of(author_org: str | None, title: str | None) -> str | None:
    """The most specific city or county named in the byline organisation (else the
    title): 德清县人民政府 -> 德清县, so that 全县 in its text resolves to it."""
    for text in (author_org, title):
        found = divisions().find(text or "")
        if found:
            return found[-1][2].name
    return None


def _share_years(articles: list[Article]) -> None:
    """Give an article without a year the year of the nearest article of the same file
    (the earlier one on a tie); two linear passes, so an issue of many articles stays cheap."""
    n = len(articles)
    if n < 2:
        return
    before: list[int | None] = [None] * n  # index of the nearest dated article at or before k
    last = None
    for k, a in enumerate(articles):
        if a.year is not None:
            last = k
        before[k] = last
    after: int | None = None
    for k in range(n - 1, -1, -1):
        a = articles[k]
        if a.year is not None:
            after = k
            continue
        b = before[k]
        pick = b if b is not None and (after is None or k - b <= after - k) else after
        if pick is not None:
            a.year = articles[pick].year
            a.metadata["field_sources"]["year"] = "neighbour_article"
