"""``policy-nlp show FILE``: the terminal view (policy_nlp.report.terminal.show_file)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from policy_nlp.report.terminal import sentence_context, show_file

SAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "samples"


def _show(path, nlp, width=140, **kw) -> tuple[int, str]:
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    n = show_file(path, console, nlp=nlp, **kw)
    return n, console.export_text()


def test_show_prints_facts_and_entities_with_their_sentences(nlp):
    path = SAMPLES / "sample_01_gansu_digital_infrastructure.txt"
    n, out = _show(path, nlp)
    assert n == 1
    assert "以数字基础设施建设为牵引" in out  # the title
    from policy_nlp.evaluate_raw import predict_file

    expected = predict_file(nlp, path)[0]
    n_facts = len(expected["facts"])
    assert f"facts ({n_facts})" in out and "entities (" in out
    for fragment in ["约3680亿元", "数字经济规模", "368,000,000,000", "甘肃省工业和信息化厅", "INITIATIVE", "数字陇原"]:
        assert fragment in out, fragment
    # a row carries its sentence, cut around the span
    assert "全省数字经济规模约3680亿元" in out.replace("\n", "").replace("│", "").replace(" ", "") or "数字经济规模约3680亿元" in "".join(out.split())
    assert "…" in out
    assert max(cell_len(line) for line in out.splitlines()) <= 140


def test_show_two_articles_in_one_file(nlp):
    n, out = _show(SAMPLES / "sample_03_two_articles.txt", nlp)
    assert n == 2
    assert "做强算力底座 激活数据价值" in out and "宁夏：新能源装机占比突破半数" in out
    assert "article(s)" in out.splitlines()[-1]


@pytest.mark.parametrize("width", [80, 100, 200])
def test_show_fits_the_console(nlp, width):
    _, out = _show(SAMPLES / "sample_04_state_council_notice.txt", nlp, width)
    assert max(cell_len(line) for line in out.splitlines()) <= width
    assert "facts (" in out and "sentence" in out


def test_show_prints_markup_as_text(nlp, tmp_path):
    p = tmp_path / "markup.txt"
    p.write_text("关于[bold red]推进[/]工作的通知\n[link=http://x]2023年，全省地区生产总值增长5.2%，"
                 "甘肃省工业和信息化厅推进数字陇原建设。[/link]\n", encoding="utf-8")
    _, out = _show(p, nlp, context=80)
    flat = "".join(out.split())
    assert "[boldred]推进[/]" in flat  # the title
    assert "5.2%" in flat and "[link=http://x]2023年" in flat  # a sentence in a row, markup shown as text


def test_show_unreadable_file(nlp, tmp_path):
    p = tmp_path / "binary.txt"
    p.write_bytes(b"\x00\x01\x02" * 1000)
    with pytest.raises(ValueError):
        show_file(p, Console(file=io.StringIO()), nlp=nlp)
    with pytest.raises(ValueError, match="no such file"):
        show_file(tmp_path / "missing.txt", Console(file=io.StringIO()), nlp=nlp)


def test_sentence_context_cuts_around_the_span():
    text = "甲" * 50 + "目标值" + "乙" * 50
    t = sentence_context(text, 0, len(text), 50, 53, context=5)
    assert t.plain == "…甲甲甲甲甲目标值乙乙乙乙乙…"
    assert sentence_context("短句子。", 0, 4, 0, 2, context=5).plain == "短句子。"
