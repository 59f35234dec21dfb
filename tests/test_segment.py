"""rjieba against the reference, pure-Python jieba, on the real articles.

Known, explained difference: jieba-rs keeps a run of ASCII letters and digits joined
by ``-``, ``.`` or ``_`` as one token (``2026-02-12``, ``5G-A``, ``PM_2.5``), where
jieba's HMM fallback splits it at the joiners. Every other token must be identical.
"""
from __future__ import annotations

import difflib

import jieba
import pytest
import regex
import rjieba

from policy_nlp.segment import JiebaTokenizer, load_user_dictionary
from policy_nlp.segment.userdict import parse_line

ASCII_RUN = regex.compile(r"[A-Za-z0-9]+(?:[-._][A-Za-z0-9]+)+")


def unexplained_differences(ours: list[str], ref: list[str]) -> list[tuple[list[str], list[str]]]:
    out = []
    sm = difflib.SequenceMatcher(a=ours, b=ref, autojunk=False)
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal":
            continue
        a, b = ours[a0:a1], ref[b0:b1]
        if "".join(a) == "".join(b) and all(ASCII_RUN.fullmatch(t) or t in b for t in a):
            continue
        out.append((a, b))
    return out


@pytest.mark.shared
def test_rjieba_matches_jieba_on_shared_raw(raw_dir):
    ud = load_user_dictionary()
    ours, ref = rjieba.Jieba(), jieba.Tokenizer()
    ud.apply_to_rjieba(ours)
    ud.apply_to_jieba(ref)
    plain_ours, plain_ref = rjieba.Jieba(), jieba.Tokenizer()
    problems = {}
    n_tokens = 0
    for path in sorted(raw_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for a, b in ((ours.cut(text), ref.lcut(text)), (plain_ours.cut(text), plain_ref.lcut(text))):
            n_tokens += len(b)
            diffs = unexplained_differences(a, b)
            if diffs:
                problems[path.name] = diffs[:5]
    assert n_tokens > 100_000
    assert not problems, problems


def test_explained_difference_is_recognised():
    assert unexplained_differences(["2026-02-12"], ["2026", "-", "02", "-", "12"]) == []
    assert unexplained_differences(["常在"], ["常", "在"]) == [(["常在"], ["常", "在"])]


def test_user_dictionary_belongs_to_the_pipeline(tmp_path):
    import spacy

    extra = tmp_path / "extra.txt"
    extra.write_text("数字陇原 nz\n", encoding="utf-8")
    with_extra = JiebaTokenizer(spacy.blank("zh").vocab, load_user_dictionary([extra]))
    without = JiebaTokenizer(spacy.blank("zh").vocab, load_user_dictionary())
    text = "深入实施数字陇原建设"
    assert "数字陇原" in [t.text for t in with_extra(text)]
    assert "数字陇原" not in [t.text for t in without(text)]
    assert not rjieba.has_word("数字陇原")  # the process-global segmenter is untouched


def test_tokens_cover_text_and_carry_tags():
    import spacy

    tok = JiebaTokenizer(spacy.blank("zh").vocab)
    text = "截至2019年年底，全区通信光缆线路总长度达20.19万公里。\n\n第二段 有空格"
    doc = tok(text)
    assert doc.text == text
    assert all(t.tag_ for t in doc if not t.is_space)
    assert tok("").text == ""


def test_user_dictionary_lines():
    assert parse_line("# comment") is None
    e = parse_line("六抓六着力 10 nz")
    assert (e.word, e.freq, e.tag) == ("六抓六着力", 10, "nz")
    e = parse_line("宽带西藏 nz")
    assert (e.word, e.freq, e.tag) == ("宽带西藏", None, "nz")


TRICKY_WORDS = [
    "三", "十五", "三十万", "一百二十三", "两千", "万", "3", "3.5", "1,200", "-7", "+3", "±2", "~1", "3/4", "1/2/3",
    "五分之一", "http://gov.cn", "https://x", "www.gov.cn", "gov.cn", "example.com/", "a@b.cn", ".cn", "cn.",
    "ABCdef", "Xx", "5G", "4G基站", "ＡＢＣ", "中国", "中华人民共和国", "一二三四五", "Ⅲ", "①", "，", "。",
    "x" * 120, "数" * 120, "COVID-19", "PM2.5", "3G", "：", "2023年", "12.5%", "localhost:8080",
]


def _word_types(raw_dir) -> set[str]:
    words = set(TRICKY_WORDS)
    if raw_dir is not None:
        seg = rjieba.Jieba()
        for p in sorted(raw_dir.glob("*.txt")):
            words.update(seg.cut(p.read_text(encoding="utf-8")))
    return words


def test_fast_lexeme_getters_agree_with_spacy(request):
    """The stand-ins must give spaCy's own values on every word type we can find."""
    from spacy.lang import lex_attrs as base
    from spacy.lang.zh import lex_attrs as zh

    from policy_nlp.segment import lexeme_attrs as fast

    shared = request.config.rootpath.parent / "shared" / "corpus" / "raw"
    words = _word_types(shared if shared.exists() else None)
    assert len(words) > len(TRICKY_WORDS) - 1
    for w in words:
        assert fast.zh_like_num(w) == zh.like_num(w), w
        assert fast.word_shape(w) == base.word_shape(w), w
        assert fast.like_url(w) == base.like_url(w), w


def test_pipeline_vocab_uses_the_stand_ins():
    import policy_nlp
    from spacy.attrs import LIKE_NUM

    from policy_nlp.segment.lexeme_attrs import zh_like_num

    nlp = policy_nlp.load()
    assert nlp.vocab.lex_attr_getters[LIKE_NUM] is zh_like_num
    doc = nlp("二十万吨粮食和3.5亿元")
    assert [t.like_num for t in doc if t.text == "3.5"] == [True]
