"""The review page (policy_nlp.report): the segment tree, escaping, and a real browser.

The browser tests drive Debian's headless Chromium with Playwright; they skip with a
reason when either is missing (``apt-get install chromium``; ``pip install playwright``;
``playwright install`` is not needed: the system Chromium is used).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from policy_nlp.report import build_report
from policy_nlp.report.render import article_html, article_payload, format_value, json_for_script, segment_tree, tree_text

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "corpus" / "samples"
SHARED = REPO.parent / "shared"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

HOSTILE_TITLE = '关于<script>window.__pwned=1</script>推进数字经济发展的通知'
HOSTILE = (
    HOSTILE_TITLE + "\n"
    '甘肃省工业和信息化厅<img src=x onerror="window.__pwned=1">\n'
    "2023年，全省数字经济规模达到3680亿元，同比增长10.2%，占地区生产总值比重达到32.9%。"
    '甘肃省工业和信息化厅推进“数字陇原”建设，<b onmouseover="window.__pwned=1">新建5G基站1.3万个</b>。\n'
    "到2025年，全省5G基站达到5万个。</script><script>window.__pwned=2</script>"
    "<!-- --><iframe src=\"javascript:window.__pwned=3\"></iframe>\n"
)


# --------------------------------------------------------------------------- no browser

def _check_tree(text, spans):
    tree, placed = segment_tree(text, spans)
    assert tree_text(tree) == text
    firsts: dict[int, int] = {}
    covered: dict[int, str] = {}

    def walk(nodes, offset):
        for n in nodes:
            if isinstance(n, str):
                offset += len(n)
                continue
            start = offset
            offset = walk(n["c"], offset)
            if not n.get("p"):
                firsts[n["a"]] = firsts.get(n["a"], 0) + 1
            covered[n["a"]] = covered.get(n["a"], "") + text[start:offset]
        return offset

    walk(tree, 0)
    valid = [s for s in spans if 0 <= s[0] < s[1] <= len(text)]
    assert placed == len(valid)
    assert all(firsts.get(s[2]) == 1 for s in valid)
    for s in valid:  # the pieces of an annotation cover exactly its span
        assert covered[s[2]] == text[s[0]:s[1]]
    return tree


def test_segment_tree_nests_splits_and_keeps_text():
    text = "0123456789abcdefghij"
    _check_tree(text, [])
    _check_tree(text, [(2, 8, 0), (4, 6, 1)])                 # nested
    _check_tree(text, [(2, 8, 0), (5, 12, 1), (7, 15, 2)])    # crossing chain
    _check_tree(text, [(0, 20, 0), (0, 20, 1), (0, 5, 2)])    # identical and shared start
    _check_tree(text, [(3, 3, 0), (-1, 4, 1), (18, 25, 2), (1, 2, 3)])  # empty / outside: skipped
    tree = _check_tree(text, [(2, 8, 0), (5, 12, 1)])
    # the crossing span is split: its second piece is a continuation
    assert any(isinstance(n, dict) and n["a"] == 1 and n.get("p") for n in tree)


def test_segment_tree_random():
    import random

    rng = random.Random(6)
    for _ in range(300):
        text = "".join(rng.choice("甲乙丙丁ab<>&\n") for _ in range(rng.randint(0, 40)))
        spans = []
        for i in range(rng.randint(0, 12)):
            a, b = sorted(rng.randint(0, len(text) + 1) for _ in range(2))
            spans.append((a, b, i, rng.randint(0, 1)))
        _check_tree(text, spans)


def test_json_for_script_cannot_close_the_script():
    s = json_for_script({"t": "</script><script>alert(1)</script><!--", "u": "a&b\u2028"})
    assert "<" not in s and ">" not in s and "&" not in s
    assert json.loads(s) == {"t": "</script><script>alert(1)</script><!--", "u": "a&b\u2028"}


def test_article_html_escapes_everything():
    art = {"article_id": "x", "title": "<b>t</b>", "text": HOSTILE, "source_path": "<p>"}
    i = HOSTILE.index("3680亿元")
    j = HOSTILE.index("<img")
    facts = [{"start": i, "end": i + 6, "text": "3680亿元", "value": 3.68e11, "unit": "元", "indicator": '"><script>x</script>', "kind": "le\"vel"}]
    ents = [{"start": j, "end": j + 10, "text": HOSTILE[j:j + 10], "label": "ORG<", "canonical": "<svg onload=1>"}]
    out = article_html(article_payload(art, facts, ents))
    assert "<script>" not in out and "<img" not in out and "<svg" not in out and "<b>" not in out
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in out
    assert out.count('<mark class="hl') == 2


@pytest.fixture(scope="module")
def hostile_dataset(tmp_path_factory):
    from policy_nlp.engine import run_extract

    root = tmp_path_factory.mktemp("report")
    inp = root / "input"
    inp.mkdir()
    (inp / "hostile_article.txt").write_text(HOSTILE, encoding="utf-8")
    out = root / "dataset"
    summary = run_extract([str(SAMPLES), str(inp)], out, workers=1, progress=False)
    assert not summary.skipped
    return out


def test_build_report_is_self_contained(hostile_dataset, tmp_path):
    page = build_report(hostile_dataset, tmp_path / "r.html")
    html = page.read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert all('type="application/json"' in s for s in scripts[:-1]) and scripts[-1] == "<script>"
    assert "window.__pwned" in html  # the hostile text is there, as JSON data ...
    assert "<script>window.__pwned" not in html and "<img src=x" not in html  # ... never as markup
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", html), "no external resources"
    assert "Content-Security-Policy" in html


# --------------------------------------------------------------------------- browser

@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser, path: Path, fragment: str = "", viewport=(1280, 800)):
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(f"console.{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.resolve().as_uri() + fragment)
    page.wait_for_selector("#index-table tbody tr")
    return page, problems, requests


def test_report_in_chromium(browser, hostile_dataset, tmp_path):
    import policy_nlp

    ds = policy_nlp.load_dataset(hostile_dataset)
    out = build_report(hostile_dataset, tmp_path / "report.html")
    page, problems, requests = _open(browser, out)
    assert page.locator("#index-table tbody tr").count() == len(ds.articles)

    # every article: one highlight per fact and entity row
    for aid in ds.articles["article_id"]:
        page.evaluate("id => { location.hash = 'a=' + encodeURIComponent(id); }", aid)
        page.wait_for_function("id => document.title && document.querySelector('#art-head .muted') && document.querySelector('#art-head').textContent.includes(id)", arg=aid)
        n_rows = int((ds.facts["article_id"] == aid).sum() + (ds.entities["article_id"] == aid).sum())
        assert page.locator("#body mark.hl:not(.cont)").count() == n_rows, aid
        assert page.locator("#facts-table tbody tr").count() == int((ds.facts["article_id"] == aid).sum())
        assert page.locator("#entities-table tbody tr").count() == int((ds.entities["article_id"] == aid).sum())

    # the hostile article
    hostile = ds.articles[ds.articles["source_path"].str.endswith("hostile_article.txt")].iloc[0]
    page.locator("#index-table tbody tr", has_text="hostile_article.txt").click()
    page.wait_for_function("id => document.querySelector('#art-head').textContent.includes(id)", arg=hostile.article_id)
    body = page.inner_text("#body")
    assert "<script>window.__pwned=1</script>" in body
    assert '<img src=x onerror="window.__pwned=1">' in body
    assert "</script><script>window.__pwned=2</script>" in body
    assert "<script>window.__pwned=1</script>" in page.inner_text("#index-table")
    assert page.locator("#body *:not(mark)").count() == 0, "article text became elements"
    facts = ds.facts[ds.facts["article_id"] == hostile.article_id].sort_values(["start", "end"], kind="stable").reset_index(drop=True)
    ents = ds.entities[ds.entities["article_id"] == hostile.article_id]
    assert len(facts) >= 3 and len(ents) >= 2
    assert page.locator("#body mark.hl:not(.cont)").count() == len(facts) + len(ents)

    # hover everything, then click a fact: its fields show in the detail panel
    for i in range(page.locator("#body mark.hl").count()):
        page.locator("#body mark.hl").nth(i).hover()
    k = int(facts["unit"].notna().idxmax())  # the first fact with a unit; annotation k is fact k
    fact = facts.iloc[k]
    page.locator(f'#body mark.hl.f[data-a="{k}"]').first.click()
    field = lambda k: page.inner_text(f'#detail-fields tr[data-field="{k}"] td.v')  # noqa: E731
    assert field("text") == fact.text
    assert field("value") == format_value(fact.to_dict())
    assert field("unit") == fact.unit
    assert field("indicator") == fact.indicator
    assert field("kind") == fact.kind
    assert page.locator("#body mark.sel").count() >= 1
    hover = page.locator(f'#body mark.hl.f[data-a="{k}"]').first.get_attribute("title")
    assert f"indicator: {fact.indicator}" in hover and f"value: {format_value(fact.to_dict())}" in hover

    # click an entity: label and canonical
    page.locator("#body mark.hl.e").first.click()
    assert page.inner_text('#detail-fields tr[data-field="label"] td.v') in set(ents["label"])

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert problems == []
    assert all(u.startswith(("file:", "data:")) for u in requests), requests

    page.locator(f'#body mark.hl.f[data-a="{k}"]').first.click()
    page.set_viewport_size({"width": 1100, "height": 640})
    page.evaluate("document.getElementById('index').scrollLeft = 0")
    shot = tmp_path / "report.png"  # kept by pytest under its basetemp, never in the repository
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    page.close()


def _synthetic_payloads(n_articles: int, n_chars: int):
    """Articles of about n_chars characters, one fact and one entity every ~60 characters."""
    sentence = "2023年全省地区生产总值增长5.2%，甘肃省工业和信息化厅推进数字陇原建设，新建5G基站1.3万个。"
    text = (sentence * (n_chars // len(sentence) + 1))[:n_chars]
    facts, ents = [], []
    for k in range(0, len(text) - len(sentence), len(sentence)):
        i = k + sentence.index("5.2%")
        facts.append({"start": i, "end": i + 4, "text": "5.2%", "value": 5.2, "unit": "%", "indicator": "地区生产总值", "kind": "growth", "modality": "actual"})
        j = k + sentence.index("甘肃省工业和信息化厅")
        ents.append({"start": j, "end": j + 10, "text": "甘肃省工业和信息化厅", "label": "ORG", "canonical": "甘肃省工业和信息化厅"})
        ents.append({"start": j, "end": j + 3, "text": "甘肃省", "label": "GPE", "canonical": "甘肃省"})
    return [article_payload({"article_id": f"a{n:03d}", "title": f"合成文章 {n}", "text": text, "source_path": f"synthetic/{n}.txt",
                             "article_index": 0, "n_chars": len(text)}, facts, ents) for n in range(n_articles)]


def test_report_large_batch_stays_usable(browser, tmp_path):
    """50 articles × ~50 KB: the page opens, switches articles, and shows the last one whole
    (how fast is for a benchmark, not a test)."""
    from policy_nlp.report import render_page

    items = _synthetic_payloads(50, 17_000)  # 17,000 CJK characters ≈ 50 KB of UTF-8
    out = tmp_path / "big.html"
    out.write_text(render_page(items), encoding="utf-8")
    page, problems, _ = _open(browser, out)
    page.wait_for_selector("#body mark")
    page.evaluate("""() => {
        for (const id of ["a049", "a025", "a001"]) {
            location.hash = "a=" + id;
            window.dispatchEvent(new HashChangeEvent("hashchange"));
        }
    }""")
    expected = len(items[1]["facts"]) + len(items[1]["entities"])
    assert page.locator("#body mark.hl:not(.cont)").count() == expected
    assert problems == []
    page.close()


@pytest.mark.shared
@pytest.mark.slow
def test_report_on_shared_corpus(browser, tmp_path):
    raw = SHARED / "corpus" / "raw"
    if not raw.is_dir():
        pytest.skip(f"{raw} is absent: this test reads the shared corpus from ../shared")
    import policy_nlp
    from policy_nlp.engine import run_extract

    run_extract([str(raw)], tmp_path / "ds", workers=2, progress=False)
    out = build_report(tmp_path / "ds", tmp_path / "shared.html")
    ds = policy_nlp.load_dataset(tmp_path / "ds")
    page, problems, _ = _open(browser, out)
    biggest = ds.articles.sort_values("n_chars").iloc[-1].article_id
    page.evaluate("id => { location.hash = 'a=' + encodeURIComponent(id); }", biggest)
    page.wait_for_function("id => document.querySelector('#art-head').textContent.includes(id)", arg=biggest)
    n = int((ds.facts.article_id == biggest).sum() + (ds.entities.article_id == biggest).sum())
    assert page.locator("#body mark.hl:not(.cont)").count() == n
    assert problems == []
    page.close()


# --------------------------------------------------------------------------- policy_nlp.display

def test_display_doc_row_and_id(nlp, hostile_dataset):
    import policy_nlp
    from policy_nlp.display import display, display_html

    doc = nlp("截至2019年年底，全区通信光缆线路总长度达20.19万公里。甘肃省工业和信息化厅推进“数字陇原”建设。")
    out = display_html(doc)
    assert out.count('<mark class="hl') == len(doc._.facts) + len(doc._.entities) > 0
    assert "indicator: 通信光缆线路总长度" in out
    shown = display(doc)
    assert getattr(shown, "data", shown) == out  # IPython HTML object (or the string without IPython)

    ds = policy_nlp.load_dataset(hostile_dataset)
    row = ds.articles[ds.articles["source_path"].str.endswith("hostile_article.txt")].iloc[0]
    html = display_html(row, ds)
    assert html == display_html(row.article_id, ds)
    n = int((ds.facts.article_id == row.article_id).sum() + (ds.entities.article_id == row.article_id).sum())
    assert html.count('<mark class="hl') == n
    assert "<script>window" not in html and "<img" not in html
    with pytest.raises(ValueError, match="needs the dataset"):
        display_html(row)
    with pytest.raises(ValueError, match="needs a pipeline"):
        display_html("全区新增5G基站1000个。")
    assert display_html("全区新增5G基站1000个。", nlp=nlp).count('<mark class="hl') >= 1
