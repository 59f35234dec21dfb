"""A suite of hostile input files, generated (never stored): each is a way real batches
go wrong. Used by tests/test_hostile_inputs.py and benchmarks/hostile_inputs.py.

Each entry: file name -> (bytes factory, expected outcome) where the outcome is
"ok" (processed, maybe with no facts) or "skip" (reported with a reason, nothing else lost).
"""
from __future__ import annotations

import codecs
import json
from collections.abc import Callable

GOOD = "截至2023年底，全省5G基站达到8.2万个，同比增长12.5%。推动出台《数字经济发展规划》。\n"


def _jsonl(*records) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")


def _nested_html(depth: int) -> bytes:
    return ("<html><body>" + "<div>" * depth + "<p>" + GOOD + "</p>" + "</div>" * depth + "</body></html>").encode()


CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "binary_random.txt": (lambda: bytes((i * 131 + 7) % 256 for i in range(200_000)), "skip"),
    "binary_png_header.txt": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100, "skip"),
    "empty.txt": (lambda: b"", "skip"),
    "whitespace_only.txt": (lambda: b" \n\t\n\r\n   ", "skip"),
    "truncated_utf8.txt": (lambda: GOOD.encode("utf-8") * 20 + "全省".encode("utf-8")[:-1], "ok"),
    "mixed_utf8_gbk.txt": (lambda: GOOD.encode("utf-8") * 10 + GOOD.encode("gbk") * 10, "ok"),
    "utf16_no_bom.txt": (lambda: (GOOD * 20).encode("utf-16-le"), "ok"),
    "utf16_be_bom.txt": (lambda: codecs.BOM_UTF16_BE + (GOOD * 20).encode("utf-16-be"), "ok"),
    "gb18030.txt": (lambda: (GOOD * 20).encode("gb18030"), "ok"),
    "null_bytes_inside.txt": (lambda: GOOD.encode() + b"\x00\x00\x00" + GOOD.encode(), "skip"),
    "single_line_50mb.txt": (lambda: ("数字经济发展" * 2_900_000).encode("utf-8"), "skip"),
    "only_punctuation.txt": (lambda: ("，。、；：？！“”《》（）" * 5000).encode("utf-8"), "ok"),
    "only_digits.txt": (lambda: ("1234567890" * 20_000).encode(), "ok"),
    "very_long_number.txt": (lambda: ("增长" + "9" * 5000 + "亿元。" + "3." + "1" * 3000 + "%。").encode(), "ok"),
    "many_open_book_marks.txt": (lambda: ("《" * 10_000 + GOOD).encode("utf-8"), "ok"),
    "many_open_quotes.txt": (lambda: ("“" * 10_000 + GOOD).encode("utf-8"), "ok"),
    "repeated_numerals.txt": (lambda: ("一二三四五六七八九十百千万亿" * 3000).encode("utf-8"), "ok"),
    "repeated_qualifiers.txt": (lambda: ("约近超过以上左右" * 5000 + "100%").encode("utf-8"), "ok"),
    "repeated_org_suffix.txt": (lambda: ("委员会办公室领导小组" * 4000).encode("utf-8"), "ok"),
    "repeated_heading_markers.txt": (lambda: ("一、（一）1.一是" * 5000).encode("utf-8"), "ok"),
    "traditional_chinese.txt": (lambda: ("截至2023年底，全省5G基站達到8.2萬個，同比增長12.5%。推動出臺《數位經濟發展規劃》。\n" * 30).encode("utf-8"), "ok"),
    "fullwidth_everything.txt": (lambda: ("截至２０２３年底，全省５Ｇ基站达到８．２万个，同比增长１２．５％。ＡＢＣ公司。\n" * 30).encode("utf-8"), "ok"),
    "deeply_nested.html": (lambda: _nested_html(5000), "ok"),
    "script_only.html": (lambda: b"<html><head><script>" + b"alert(1);" * 1000 + b"</script></head><body></body></html>", "skip"),
    "html_with_scripts.html": (lambda: ("<html><body><script>var x='不应出现';</script><p>" + GOOD * 5 + "</p><img src=x onerror=alert(1)></body></html>").encode(), "ok"),
    "broken_html.html": (lambda: ("<html><body><p>" + GOOD * 5 + "<div><span><p>未闭合").encode(), "ok"),
    "wrong_types.jsonl": (lambda: _jsonl({"id": 1, "text": 5}, {"id": 2, "text": None}, {"id": 3, "text": ["a"]}, {"id": 4, "title": 7, "text": GOOD}), "skip"),
    "malformed_lines.jsonl": (lambda: _jsonl("{", '{"text": "未闭合', {"id": "ok", "text": GOOD}, "[1,2]", "null"), "skip"),
    "huge_json_line.jsonl": (lambda: _jsonl({"id": "big", "text": "数字" * 3_000_000}), "skip"),
    "bom_in_jsonl.jsonl": (lambda: codecs.BOM_UTF8 + _jsonl({"id": "b", "text": GOOD}), "ok"),
    "control_chars.txt": (lambda: ("\x07\x08\x0b\x0c" * 3 + GOOD * 5).encode(), "ok"),
    "lone_surrogates_escaped.jsonl": (lambda: b'{"id": "s", "text": "\\ud800\\udc00\\ud800 ' + GOOD.strip().encode() + b'"}', "ok"),
    "crlf_and_cr_only.txt": (lambda: (GOOD.replace("\n", "\r\n") * 5 + GOOD.replace("\n", "\r") * 5).encode(), "ok"),
    "many_short_lines.txt": (lambda: ("数字\n" * 200_000).encode(), "ok"),
}
