"""PERSON candidates.

- ``person.title``: a name right after a title or role (厅长 王方红, 负责人马磊, 总工程师赵志国)
  or right before one (习近平总书记), starting with a common surname;
- ``person.speech``: surname + one or two characters before a speech verb (邹云峰说);
- ``person.transliterated``: a foreign name written in parts joined by ``·`` (托马什·雅斯库瓦),
  bounded by the words around it (a role before it, a verb after it), never inside quotes
  (“国风·秦韵” is a slogan);
- ``person.foreign``: a foreign name written without ``·`` (普拉昌达, 库密斯) right after a
  title or role and before a verb or punctuation: a run of the characters Chinese writes
  foreign names with (``transliteration.tsv``), repeated wherever the text names it again;
- ``person.nr``: tokens the tagger marks ``nr``/``nrfg`` that start with a common surname,
  are not on the stop list and are not followed by an industry word (国轩高科); a name of
  three or four characters the tagger discovered (no dictionary entry: 付占国) is taken, the
  rest (the dictionary tags 高水平 ``nr``) is left to the classifier.
"""
from __future__ import annotations

from collections.abc import Callable

import re

import regex

from policy_nlp.entities.base import Candidate, Context, trie_pattern
from policy_nlp.entities.lexicon import Lexicon


HAN = "\u4e00-\u9fff\u3400-\u4dbf"


_DOT_JOINED = re.compile(f"[{HAN}]·[{HAN}](?:[{HAN}]*·[{HAN}])*")
_ASPECT_TAGS = frozenset(("ul", "uz", "ug"))  # 了, 着, 过 close a verb, never a name
_NOT_IN_NAME_WORD = "ucrmqfb"  # first letters of the tags of words (two characters or more) no name holds
_NOT_IN_NAME_CHAR = "pucv"  # first letters of the tags of single characters no name holds (以, 了, 和, 用)
_AFTER_NAME = "dvpcuxr"  # first letters of the tags that may follow a name: adverb, verb, function word, punctuation
_NAME_TAGS = ("nr", "nrt", "nrfg", "ns", "x", "nz")
_HAN_RUN = re.compile(f"[{HAN}]+")
_LIST_JOINERS = frozenset(("、", "和", "与", "及", "等", "等人"))  # what closes an item of a list of names


class PersonRule:
    name = "person"

    def __init__(self, lex: Lexicon, in_dictionary: Callable[[str], bool] | None = None):
        """``in_dictionary`` (the segmenter's): a ``nr`` word that is no dictionary entry is a
        name the tagger discovered; without it, every ``nr`` word is left to a classifier."""
        self.in_dictionary = in_dictionary
        self.place_endings = tuple(lex.group("person.place_endings"))
        surnames = lex["surnames"]
        self.single = {s for s in surnames if len(s) == 1}
        self.double = {s for s in surnames if len(s) == 2}
        self.stop = lex.words("person_stop")
        self.company_words = lex.words("company_words")
        titles = sorted(lex.words("person_titles"), key=len, reverse=True)
        self.titles = frozenset(titles)
        self.role_ends = tuple(lex.group("person.role_ends"))
        self.trailing_titles = frozenset(lex.group("person.trailing_titles"))
        self.glued_chars = frozenset("".join(lex.group("person.glued_chars")))
        self.role_words = frozenset(lex.group("person.role_words"))
        chars, self.foreign_distinctive = lex.transliteration()
        self.foreign_run = regex.compile(f"[{regex.escape(chars)}]{{2,8}}") if chars else None
        self.any_title = regex.compile(trie_pattern(self.titles | self.trailing_titles | self.role_words))
        verbs = sorted(lex.words("speech_verbs"), key=len, reverse=True)
        sur = trie_pattern(surnames)
        t = trie_pattern(titles + sorted(lex.group("person.naming_verbs"), key=len, reverse=True))
        v = trie_pattern(verbs)
        # title, optional space, then surname + 1-2 characters
        self.after_title = re.compile(rf"(?:{t})[ \u3000]?((?:{sur})[{HAN}]{{1,2}}?)(?=[ \u3000]|{v}|[，。、；：（(”在等也还对和与就是率]|$|\n)")
        self.before_title = regex.compile(r"副?(?:总书记|主席|总理|同志|委员长)")  # (曾培炎|副总理)
        self.sur_re = re.compile(rf"(?:{sur})[{HAN}]{{1,2}}")
        self.speech = re.compile(rf"(?:(?<=[，。：；、\s”])|^)((?:{sur})[{HAN}]{{1,2}}?)(?={v})", re.M)
        self.speech_verb = re.compile(v)
        self.stop_chars = frozenset("".join(lex.group("person.name_stop_chars")))
        self.doctrine_ends = tuple(lex.group("person.doctrine_ends"))

    def _ok(self, w: str) -> bool:
        if w in self.stop or len(w) < 2 or len(w) > 4 or w in self.titles:
            return False  # (董事长: a title opening with a surname is no name)
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

    def _transliterated(self, ctx: Context) -> list[Candidate]:
        text = ctx.text
        out: list[Candidate] = []
        last_end = -1
        for m in _DOT_JOINED.finditer(text):
            if m.start() < last_end:
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            if text.count("“", line_start, m.start()) > text.count("”", line_start, m.start()):
                continue  # “国风·秦韵”: a quoted slogan
            s = self._name_edge(ctx, m.start() + 1, -1)
            e = self._name_edge(ctx, m.end() - 1, +1)
            first, last = text[s:text.index("·", s)], text[text.rindex("·", 0, e) + 1:e]
            if not first or not last or e - s < 4 or e - s > 20:
                continue
            last_end = e
            w = text[s:e]
            out.append(Candidate(s, e, w, "PERSON", None, w, "rule", 0.75, rule="person.transliterated", priority=2,
                                 features={"len": e - s, "parts": w.count("·") + 1}))
        return out

    def _name_edge(self, ctx: Context, pos: int, step: int, max_chars: int = 8) -> int:
        """Where a ``·``-joined name's first (step -1) or last (+1) part ends: over the
        single characters and name-tagged words a transliteration is cut into, up to the
        first other word (a role before it: 主管, 县长; a verb after it: 表示, 说)."""
        toks = ctx.tokens
        text = ctx.text
        i = (ctx.tok_end_at.get(pos) if step < 0 else ctx.tok_start_at.get(pos))
        if i is None:
            return pos
        edge = pos
        while 0 <= i < len(toks):
            s, e, tag = toks[i]
            w = text[s:e]
            if not all("\u4e00" <= ch <= "\u9fff" for ch in w) or abs(edge - (s if step < 0 else e)) > max_chars:
                break
            if len(w) > 1 and tag not in _NAME_TAGS:
                break
            if len(w) == 1 and (tag[:1] in "pcudr" or self.speech_verb.fullmatch(w) or w in self.stop_chars):
                break
            edge = s if step < 0 else e
            i += step
        return edge

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
        out.extend(self._transliterated(ctx))
        out.extend(self._token_bounded_titles(ctx, {(c.start, c.end) for c in out}))
        out.extend(self._foreign(ctx, out))
        out.extend(self._doctrine_authors(ctx))
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
            # the tagger's nr alone is noisy for two-character words (施策, 安监): keep them for a
            # classifier; a longer one that is no dictionary entry is a name the tagger discovered (付占国)
            full_name = len(w) >= 3 and self.in_dictionary is not None and not w.endswith(self.place_endings) \
                and not self.in_dictionary(w)
            if self._beside_role(ctx, i, nxt):
                # 教授|吴志强, 参观者|陈静, 韩汝琦|委员: the tagger's name next to a title or role
                out.append(Candidate(s, e, w, "PERSON", None, w, "rule", 0.85, rule="person.title", priority=2,
                                     features={"len": e - s}))
                continue
            out.append(Candidate(s, e, w, "PERSON", None, w, "rule", 0.6 if tag == "nrfg" or full_name else 0.45,
                                 rule="person.nr", priority=1,
                                 features={"len": e - s, "tag": tag, "next": nxt}))
        return self._trim_glued(ctx, self._listed_with(ctx, out))

    def _doctrine_authors(self, ctx: Context) -> list[Candidate]:
        """邓小平|理论, 毛泽东|思想: a doctrine the dictionary holds as one word, named after its
        author. The doctrine is no entity, the author inside it is (a name inside an
        unannotated name); the dictionary entry vouches for the name (高水平理论 is no entry)."""
        if not self.doctrine_ends or self.in_dictionary is None:
            return []
        out: list[Candidate] = []
        for s, e, tag in ctx.tokens:
            if e - s < 4 or not tag.startswith("n"):
                continue
            w = ctx.text[s:e]
            if not w.endswith(self.doctrine_ends):
                continue
            for end in self.doctrine_ends:
                if w.endswith(end):
                    name = w[:-len(end)]
                    if 2 <= len(name) <= 3 and self.sur_re.fullmatch(name) and self._ok(name) \
                            and self.in_dictionary(w) and self.in_dictionary(name):
                        out.append(Candidate(s, s + len(name), name, "PERSON", None, name, "rule", 0.8,
                                             rule="person.doctrine", priority=2, features={"len": len(name)}))
                    break
        return out

    def _trim_glued(self, ctx: Context, cands: list[Candidate]) -> list[Candidate]:
        """唐晟到|紫沙路, 文件由|总理: a three-character name ending in a function character the
        segmenter glued on is the two before it, if those make a name (a dictionary word does not)."""
        out = []
        for c in cands:
            if c.end - c.start == 3 and c.text[2] in self.glued_chars:
                w = c.text[:2]
                if not self._ok(w) or (self.in_dictionary is not None and self.in_dictionary(w)):
                    continue
                c = Candidate(c.start, c.end - 1, w, c.label, c.subtype, w, c.source, c.score,
                              rule=c.rule, priority=c.priority, features={**c.features, "len": 2})
            out.append(c)
        return out

    def _token_bounded_titles(self, ctx: Context, have: set[tuple[int, int]]) -> list[Candidate]:
        """副主任|石|万春|刚结束, 以|陈国权|研究员: a name beside a title whose length the
        characters around it do not tell (the title patterns need punctuation or a verb
        after it). The segmenter's boundaries do: a surname and one or two characters that
        start and end on token boundaries, right after a title and before a function word,
        verb or punctuation, or right before a trailing title and after a word that is no
        noun of its own compound."""
        text, toks, out = ctx.text, ctx.tokens, []
        tags = ctx.tags
        # one scan of the text, token work only at titles; overlapped, so 副|主任 finds 主任 too
        for m in self.any_title.finditer(text, overlapped=True):
            s, e = m.span()
            i = ctx.tok_start_at.get(s)
            if i is None or toks[i][1] != e:
                continue  # a title must be a word of its own
            w = m.group()
            if (w in self.titles or w in self.role_words) and i + 1 < len(toks):
                for n in ((4, 3, 2) if text[e:e + 2] in self.double else (3, 2)):
                    j = ctx.tok_end_at.get(e + n)
                    if j is None or j <= i or e + n > len(text):
                        continue
                    nxt_tag = tags[j + 1] if j + 1 < len(toks) else "x"
                    if nxt_tag[:1] in _AFTER_NAME and nxt_tag not in _ASPECT_TAGS:  # (全用上|了: a verb phrase)
                        self._take(ctx, e, e + n, have, out)
                        break
            if w in self.trailing_titles and i > 0:
                for n in (3, 2):
                    k = ctx.tok_start_at.get(s - n)
                    if k is None or (k > 0 and tags[k - 1][:1] in "nv" and tags[k - 1] != "nr"):
                        continue  # 高素质|农民, 政协|委员: a word before makes it a compound
                    self._take(ctx, s - n, s, have, out)
                    break
        return out

    def _foreign(self, ctx: Context, found: list[Candidate]) -> list[Candidate]:
        """尼泊尔总理|普拉昌达|表示, 负责人|库密斯|表示: a transliterated name after a title or
        role, ending on a word boundary before a verb, a function word or punctuation; then
        every later mention of it that starts a word."""
        if self.foreign_run is None:
            return []
        text, toks, tags = ctx.text, ctx.tokens, ctx.tags
        taken = [(c.start, c.end) for c in found]
        names: set[str] = set()
        for m in self.any_title.finditer(text, overlapped=True):
            s, e = m.span()
            i = ctx.tok_start_at.get(s)
            if i is None or toks[i][1] != e or not (m.group() in self.titles or m.group() in self.role_words):
                continue
            run = self.foreign_run.match(text, e)
            if not run or e not in ctx.tok_start_at:
                continue
            for end in range(run.end(), e + 1, -1):  # the longest run that ends a word before a verb
                j = ctx.tok_end_at.get(end)
                nxt_tag = tags[j + 1] if j is not None and j + 1 < len(toks) else "x"
                if j is None or nxt_tag[:1] not in _AFTER_NAME or nxt_tag in _ASPECT_TAGS:
                    continue
                w = text[e:end]
                if not any(ch in self.foreign_distinctive for ch in w) or w in self.stop or w in self.titles \
                        or (self.in_dictionary is not None and self.in_dictionary(w)) \
                        or any(a < end and e < b for a, b in taken):
                    break
                if any(toks[k][1] - toks[k][0] >= 2 and tags[k][:1] in "vpcudr"
                       for k in range(ctx.tok_start_at[e], j + 1)):
                    break  # a verb or function word of its own: not a name
                names.add(w)
                break
        out: list[Candidate] = []
        for w in names:
            for m in regex.finditer(regex.escape(w), text):
                s, e = m.span()
                if s in ctx.tok_start_at and e in ctx.tok_end_at and not any(a < e and s < b for a, b in taken):
                    taken.append((s, e))
                    out.append(Candidate(s, e, w, "PERSON", None, w, "rule", 0.8, rule="person.foreign",
                                         priority=2, features={"len": e - s}))
        return out

    def _take(self, ctx: Context, s: int, e: int, have: set[tuple[int, int]], out: list[Candidate]) -> None:
        w = ctx.text[s:e]
        if (s, e) in have or not self.sur_re.fullmatch(w) or not self._ok(w) \
                or any(ch in self.stop_chars for ch in w) or w.endswith(self.place_endings):
            return
        for k in range(ctx.tok_start_at[s], ctx.tok_end_at[e] + 1):
            ks, ke, kt = ctx.tokens[k]
            one = ke - ks == 1
            if (one and (ctx.text[ks] in self.glued_chars or kt[:1] in _NOT_IN_NAME_CHAR)) \
                    or (not one and kt[:1] in _NOT_IN_NAME_WORD) \
                    or (one and kt[:1] == "f" and self.in_dictionary is not None and self.in_dictionary(w[:2])):
                return  # 汪勇|以, 向|首届, 党委|副, 解决|了: a function word is no part of a name
                # (贺信|中: a word and a locality; 王忠|太: a character the tagger calls an adverb may end a name)
        if self.in_dictionary is not None and self.in_dictionary(w):
            i = ctx.tok_start_at.get(s)
            if i is None or ctx.tokens[i][1] != e or ctx.tags[i] not in ("nr", "nrfg"):
                return  # a dictionary word (主任|委员会) is a name only where the tagger says so
        have.add((s, e))
        out.append(Candidate(s, e, w, "PERSON", None, w, "rule", 0.8, rule="person.title",
                             priority=2, features={"len": e - s}))

    def _beside_role(self, ctx: Context, i: int, nxt: str) -> bool:
        s, e, _ = ctx.tokens[i]
        w = ctx.text[s:e]
        if w.endswith(self.place_endings) or "·" in ctx.text[e:e + 6]:
            return False  # 刁窝镇; 吉维|提乌·萨巴托: part of a ·-joined foreign name
        if nxt in self.trailing_titles:
            # 卓越|工程师: a two-character dictionary word before a title is a modifier
            return not (len(w) == 2 and self.in_dictionary is not None and self.in_dictionary(w))
        if i == 0:
            return False
        ps, pe, ptag = ctx.tokens[i - 1]
        prev = ctx.text[ps:pe]
        return prev in self.titles or (ptag == "n" and len(prev) >= 2 and prev.endswith(self.role_ends))

    def _listed_with(self, ctx: Context, found: list[Candidate]) -> list[Candidate]:
        """本报记者李强、颜欢、禹丽敏: the items of a 、-list of names are all persons when one of
        them is found by a title. An item is what stands between two separators (、, a
        punctuation mark, 和/与/及/等), 2–4 characters opening with a surname, however the
        segmenter cut it (祝|大伟, 史|自强, 李家|鼎): the list, not the tagger, says it is a name.
        A shorter candidate inside an item (李家 of 李家鼎) gives way to it."""
        text = ctx.text
        sure = [c for c in found if c.rule == "person.title"]
        if not sure or "、" not in text:
            return found
        have = {(c.start, c.end) for c in found if c.score >= 0.6}
        items: list[Candidate] = []
        for c in sure:
            for step in (-1, 1):
                k = ctx.tok_start_at.get(c.start) if step == -1 else ctx.tok_end_at.get(c.end)
                while k is not None:
                    sep = k + step
                    if not 0 <= sep < len(ctx.tokens) or ctx.word(sep) != "、":
                        break
                    span = self._list_item(ctx, sep + step, step)
                    if span is None:
                        break
                    s, e, k = span
                    w = text[s:e]
                    if (s, e) not in have:
                        have.add((s, e))
                        items.append(Candidate(s, e, w, "PERSON", None, w, "rule", 0.7, rule="person.list",
                                               priority=1, features={"len": e - s}))
        if not items:
            return found
        inside = [(c.start, c.end) for c in items]
        kept = [c for c in found if c.rule == "person.title"
                or not any(s <= c.start and c.end <= e and (s, e) != (c.start, c.end) for s, e in inside)]
        return kept + items

    def _list_item(self, ctx: Context, k: int, step: int) -> tuple[int, int, int] | None:
        """(start, end, outer token index) of the list item that begins (``step`` 1) or ends
        (``step`` -1) at token ``k``, if it reads as a name. Tokens up to the next separator
        make the item; where no separator closes it within four characters (王刚|分别,
        有|王沪宁), the one token next to the 、 is the item, if it is a name."""
        toks, n = ctx.tokens, len(ctx.tokens)
        j, run, closed = k, [], False
        while 0 <= j < n and len(run) < 3:
            s, e, tag = toks[j]
            w = ctx.text[s:e]
            if (tag == "x" and not _HAN_RUN.fullmatch(w)) or w in _LIST_JOINERS or w in self.titles \
                    or w in self.trailing_titles:  # (黄玥 is tagged x too: a character the tagger does not know)
                closed = True
                break
            if e - s == 1 and tag[:1] in "upc":
                break  # 以, 了, 的: a function word is no part of a name
            run.append(j)
            j += step
        closed = closed or not 0 <= j < n
        for part in ((run, run[:1]) if closed else (run[:1],)):
            if not part:
                continue
            first, last = min(part), max(part)
            s, e = toks[first][0], toks[last][1]
            w = ctx.text[s:e]
            if 2 <= e - s <= 4 and self.sur_re.fullmatch(w) and self._ok(w) \
                    and not any(ch in self.stop_chars for ch in w) and not w.endswith(self.place_endings):
                return s, e, (first if step == -1 else last)
        return None
