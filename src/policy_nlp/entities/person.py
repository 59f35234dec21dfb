"""PERSON candidates.

- ``person.title``: a name right after a title or role (厅长 王方红, 负责人马磊, 总工程师赵志国)
  or right before one (习近平总书记), starting with a common surname;
- ``person.speech``: surname + one or two characters before a speech verb (邹云峰说);
- ``person.nr``: tokens the tagger marks ``nr``/``nrfg`` that start with a common surname,
  are not on the stop list and are not followed by an industry word (国轩高科).
"""
from __future__ import annotations

import re

import regex

from policy_nlp.entities.base import Candidate, Context, trie_pattern
from policy_nlp.entities.lexicon import Lexicon


HAN = "\u4e00-\u9fff\u3400-\u4dbf"


class PersonRule:
    name = "person"

    def __init__(self, lex: Lexicon):
        surnames = lex["surnames"]
        self.single = {s for s in surnames if len(s) == 1}
        self.double = {s for s in surnames if len(s) == 2}
        self.stop = lex.words("person_stop")
        self.company_words = lex.words("company_words")
        titles = sorted(lex.words("person_titles"), key=len, reverse=True)
        verbs = sorted(lex.words("speech_verbs"), key=len, reverse=True)
        sur = trie_pattern(surnames)
        t = trie_pattern(titles)
        v = trie_pattern(verbs)
        # title, optional space, then surname + 1-2 characters
        self.after_title = re.compile(rf"(?:{t})[ \u3000]?((?:{sur})[{HAN}]{{1,2}}?)(?=[ \u3000]|{v}|[，。、；：（(”在等也还对和与就是率]|$|\n)")
        self.before_title = regex.compile(r"总书记|主席|总理|同志|委员长")
        self.sur_re = re.compile(rf"(?:{sur})[{HAN}]{{1,2}}")
        self.speech = re.compile(rf"(?:(?<=[，。：；、\s”])|^)((?:{sur})[{HAN}]{{1,2}}?)(?={v})", re.M)
        self.speech_verb = re.compile(v)

    def _ok(self, w: str) -> bool:
        if w in self.stop or len(w) < 2 or len(w) > 4:
            return False
        return w[0] in self.single or w[:2] in self.double

    def _speech_matches(self, text: str):
        """``self.speech.finditer(text)``, tried only just before a speech verb: the name is
        two to four characters, so a match can start only there, and verbs are rare where
        the punctuation the pattern starts from is everywhere."""
        last = 0
        for vm in self.speech_verb.finditer(text):
            p = vm.start()
            for s in range(max(p - 4, last), p - 1):
                m = self.speech.match(text, s)
                if m:
                    last = m.end(1)
                    yield m
                    break

    def __call__(self, ctx: Context) -> list[Candidate]:
        text = ctx.text
        out: list[Candidate] = []
        for m in self.before_title.finditer(text):
            # walk back from the title to the name (习近平|总书记)
            for n in (3, 2):
                s = m.start() - n
                if s < 0:
                    continue
                w = text[s:m.start()]
                if self.sur_re.fullmatch(w) and self._ok(w) and (n == 2 or s in ctx.tok_start_at):
                    out.append(Candidate(s, m.start(), w, "PERSON", None, w, "rule", 0.85, rule="person.title",
                                         priority=2, features={"len": n}))
                    break
        for matches, rule, score in ((self.after_title.finditer(text), "person.title", 0.85),
                                     (self._speech_matches(text), "person.speech", 0.7)):
            for m in matches:
                s, e = m.span(1)
                w = m.group(1)
                if not self._ok(w):
                    continue
                out.append(Candidate(s, e, w, "PERSON", None, w, "rule", score, rule=rule, priority=2,
                                     features={"len": e - s}))
        toks = ctx.tokens
        n = len(toks)
        covered = {c.start for c in out}
        for i in [i for i, t in enumerate(ctx.tags) if t == "nr" or t == "nrfg"]:
            s, e, tag = toks[i]
            w = text[s:e]
            if not self._ok(w):
                continue
            prev_nr = i > 0 and toks[i - 1][2] in ("nr", "nrfg", "nrt")
            nxt = text[toks[i + 1][0]:toks[i + 1][1]] if i + 1 < n else ""
            nxt_tag = toks[i + 1][2] if i + 1 < n else ""
            if s in covered or prev_nr or nxt_tag in ("nr", "nrt") or nxt in self.company_words:
                continue
            # the tagger's nr alone is noisy for two-character words (施策, 安监): keep them for a classifier
            out.append(Candidate(s, e, w, "PERSON", None, w, "rule", 0.6 if tag == "nrfg" else 0.45,
                                 rule="person.nr", priority=1,
                                 features={"len": e - s, "tag": tag, "next": nxt}))
        return out
