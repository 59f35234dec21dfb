"""Ingestion: encodings, HTML, JSON Lines, and bad input reported rather than raised."""
from __future__ import annotations

import codecs
import json

from policy_nlp.ingest import iter_documents
from policy_nlp.records import Document, Skipped

TEXT = "截至2023年底，全省5G基站达到8.2万个。\n数字经济规模突破1.1万亿元。\n"


def _one(path):
    items = list(iter_documents([path]))
    assert len(items) == 1, items
    return items[0]


def test_encodings_detected(tmp_path):
    variants = {
        "utf8.txt": TEXT.encode("utf-8"),
        "bom.txt": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        "gbk.txt": TEXT.encode("gbk"),
        "gb18030.txt": TEXT.encode("gb18030"),
        "utf16.txt": TEXT.encode("utf-16"),
        "utf16le_nobom.txt": TEXT.encode("utf-16-le"),
        "utf16be_nobom.txt": TEXT.encode("utf-16-be"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        doc = _one(tmp_path / name)
        assert isinstance(doc, Document), (name, doc)
        assert doc.text.lstrip("\ufeff") == TEXT, name


def test_bad_files_are_skipped_with_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n \n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "broken.txt").write_bytes(b"abc\x80\xff\x80\xfe" * 200)
    (tmp_path / "bad_bom.txt").write_bytes(codecs.BOM_UTF16_LE + b"\x01\x00\x02\x00" * 50)
    reasons = {}
    for item in iter_documents([tmp_path]):
        assert isinstance(item, Skipped), item
        reasons[item.source_path.rsplit("/", 1)[-1]] = item.reason
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"] or "decode" in reasons["binary.txt"]
    assert "decode" in reasons["broken.txt"]
    assert "byte-order mark" in reasons["bad_bom.txt"]


def test_missing_path_is_reported(tmp_path):
    item = _one(tmp_path / "nope.txt")
    assert isinstance(item, Skipped) and "no such file" in item.reason


def test_jsonl_lines_good_and_bad(tmp_path):
    lines = [
        json.dumps({"id": "a1", "title": "标题一", "text": "全省粮食产量达到700亿斤。", "region": "河南省"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a3", "text": 42}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": "a6", "title": "标题六", "content": "新增就业岗位12万个。"}, ensure_ascii=False),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_documents([tmp_path / "batch.jsonl"]))
    docs = [i for i in items if isinstance(i, Document)]
    bad = [i for i in items if isinstance(i, Skipped)]
    assert [d.metadata["id"] for d in docs] == ["a1", "a6"]
    assert docs[0].metadata["region"] == "河南省" and docs[0].pre_split and docs[0].line_no == 1
    assert [b.line_no for b in bad] == [2, 3, 4]
    assert "malformed JSON" in bad[0].reason and "int" in bad[1].reason and "list" in bad[2].reason
    assert all("batch.jsonl" in str(b) for b in bad)


def test_html_main_text(tmp_path):
    html = """<!DOCTYPE html><html><head><title>页面标题</title><style>p{color:red}</style>
    <script>var x = "不应出现";</script></head><body><nav>首页 | 新闻 | 关于我们</nav>
    <article><h1>全省数字经济发展情况通报</h1>
    <p>截至2023年底，全省累计建成5G基站8.2万个，实现乡镇以上区域连续覆盖。</p>
    <p>全年数字经济核心产业增加值同比增长12.5%，占地区生产总值比重达到10.3%。</p>
    <p>下一步，将深入实施数字基础设施提升行动，力争到2025年建成5G基站12万个。</p></article>
    <footer>版权所有</footer></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    doc = _one(tmp_path / "page.html")
    assert isinstance(doc, Document)
    assert "8.2万个" in doc.text and "12.5%" in doc.text
    assert "不应出现" not in doc.text and "color:red" not in doc.text


def test_html_extractor_that_does_not_import_skips_pages_with_the_reason(tmp_path, monkeypatch):
    """An installation without the HTML extractor's dependencies (lxml >= 5.2 without
    lxml_html_clean) reads no page: each page is reported with why, the text files go on."""
    import builtins

    real_import = builtins.__import__

    def no_trafilatura(name, *args, **kwargs):
        if name == "trafilatura":
            raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean.")
        return real_import(name, *args, **kwargs)

    (tmp_path / "page.html").write_text("<html><body><p>截至2023年底，全省5G基站8.2万个。</p></body></html>", encoding="utf-8")
    (tmp_path / "note.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(builtins, "__import__", no_trafilatura)
    items = {type(i).__name__: i for i in iter_documents([tmp_path])}
    assert set(items) == {"Document", "Skipped"}
    assert items["Document"].source_path.endswith("note.txt")
    skipped = items["Skipped"]
    assert skipped.source_path.endswith("page.html")
    assert "cannot read HTML" in skipped.reason and "lxml_html_clean" in skipped.reason


def test_folder_walk_is_sorted_and_filtered(tmp_path):
    (tmp_path / "b.txt").write_text("乙文章内容。", encoding="utf-8")
    (tmp_path / "a.md").write_text("甲文章内容。", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("隐藏。", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.txt").write_text("丙文章内容。", encoding="utf-8")
    names = [d.source for d in iter_documents([tmp_path])]
    assert names == ["a.md", "b.txt", "c.txt"]


def test_jsonl_is_read_line_by_line_whatever_each_line_is_encoded(tmp_path):
    """JSON Lines stream (an archive never sits in memory whole): each line decodes on its
    own, UTF-8 or GB18030; a line neither can read is reported with its number."""
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(b"\n".join([
        '{"text": "全省5G基站达到8.2万个。"}'.encode("utf-8"),
        '{"text": "全省粮食产量达到700亿斤。"}'.encode("gb18030"),
        b'{"text": "\xff\xfe\xfd broken"}',
        "\u2028".join(['{"text": "第一段', '第二段"}']).encode("utf-8"),
    ]))
    items = list(iter_documents([p]))
    docs = [d for d in items if isinstance(d, Document)]
    bad = [s for s in items if not isinstance(s, Document)]
    assert [d.line_no for d in docs] == [1, 2, 4]
    assert docs[1].text == "全省粮食产量达到700亿斤。"
    assert "\u2028" in docs[2].text  # a raw line separator inside a string is not a new line
    assert len(bad) == 1 and bad[0].line_no == 3


def test_utf16_jsonl_is_decoded_whole(tmp_path):
    p = tmp_path / "wide.jsonl"
    p.write_bytes('{"text": "全省5G基站达到8.2万个。"}\n{"text": "第二篇"}\n'.encode("utf-16"))
    docs = [d for d in iter_documents([p]) if isinstance(d, Document)]
    assert [d.text for d in docs] == ["全省5G基站达到8.2万个。", "第二篇"]
