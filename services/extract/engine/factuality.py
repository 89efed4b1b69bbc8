"""Is a trigger reported as having happened? Plans, demands, methods and back-references are not.

A candidate trigger is not an event when:

* it is negated right before (未开展, 没有召开: ``negations``), or is the means of something
  else (通过开展志愿服务活动，激发了…: ``means_markers``);
* its clause has a modal or planning word before it (拟, 计划, 部署, 旨在: ``modal_markers``),
  or its sentence before it has a modal 要 (not part of 主要, 需要…: ``yao_words``) or a
  future 将 (将开展, 将于, 将在: 将 followed by ``future_jiang_next``; 将老人送往医院 is the
  object marker and stays);
* its sentence opens with a plan (下一步，…: ``future_openers``) or with a short directive
  clause (会议提出，… / 他强调，…: ``directive_verbs``, unless that clause starts with a
  preposition such as 按照 — 按照上级要求，… is a circumstance);
* it is one of the methods listed before 等…方式/形式 (采取明察暗访、随机抽查等方式);
* its sentence refers back to an event already told (本次比赛由…主办，…晋级决赛:
  ``anaphora_cues`` followed by an event noun of the trigger's type).

Limits: these are lexical cues within one sentence; a plan told over several sentences
without a cue, or a cue word used in another sense, is misread. Look-backs are bounded.
"""

from __future__ import annotations

from .layout import CLAUSE_ENDS, Layout
from .lexicon import Lexicon
from .taxonomy import QUOTE_OBJECT, TITLE_OBJECT, Taxonomy

DIRECTIVE_MAX = 10  # a directive opener (会议提出，) is a short clause
LOOK_BACK = 60  # how far back in its clause a trigger looks for modal words (4× in its sentence)
MANNER_GAP = 6  # 等 at most this far before 方式/形式
MANNER_REACH = 40  # 等…方式 looked for this far after the trigger
ANAPHORA_GAP = 6  # the event noun at most this far after 本次/此次


class Factuality:
    """The cues of one taxonomy, compiled; ``reported`` is pure and thread-safe."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        cue = taxonomy.cue
        self.negations = cue("negations")
        self.means = cue("means_markers")
        self.modal = Lexicon(cue("modal_markers"))
        self.yao_words = cue("yao_words")
        self.jiang_next = Lexicon(cue("future_jiang_next"))
        self.directive_verbs = cue("directive_verbs")
        self.prepositions = cue("prepositions")
        self.future_openers = cue("future_openers")
        self.manner = cue("manner_cues")
        self.anaphora = cue("anaphora_cues")
        self.type_nouns: dict[str, Lexicon] = {}
        for t in taxonomy.types.values():
            words = [o for f in t.frames for o in f.objects if o not in (TITLE_OBJECT, QUOTE_OBJECT)]
            if words:
                self.type_nouns[t.name] = Lexicon(words)

    def negated(self, body: str, start: int) -> bool:
        return any(body.startswith(n, start - len(n)) for n in self.negations if start >= len(n))

    def reported(self, body: str, layout: Layout, type_name: str, start: int, end: int) -> bool:
        """The trigger ``[start, end)`` of type ``type_name`` tells something that happened."""
        c_start, c_end = layout.clause(start)
        c_start = max(c_start, start - LOOK_BACK)
        s_start = max(layout.full_sentence(start)[0], start - 4 * LOOK_BACK)
        if body[s_start:start].lstrip().startswith(self.future_openers) or self._directive(body, s_start, start):
            return False
        if next(self.modal.scan(body, c_start, start), None) is not None or self._future(body, layout, s_start, start):
            return False
        if any(body.startswith(m, start - len(m)) for m in self.means if start >= len(m)):
            return False
        if self._manner(body[end : min(c_end, end + MANNER_REACH)]):
            return False
        return not self._refers_back(body, s_start, start, type_name)

    def _directive(self, body: str, s_start: int, start: int) -> bool:
        """The sentence opens with a short clause like 会议提出 / 他强调 and the trigger follows it."""
        limit = min(start, s_start + DIRECTIVE_MAX + 2)
        end = next((i for i in range(s_start, limit) if body[i] in CLAUSE_ENDS), None)
        if end is None:
            return False
        first = body[s_start:end].strip()
        return (
            len(first) <= DIRECTIVE_MAX
            and first.endswith(self.directive_verbs)
            and not first.startswith(self.prepositions)
        )

    def _future(self, body: str, layout: Layout, s_start: int, start: int) -> bool:
        """A modal 要 or a future 将 earlier in the sentence, outside quotation marks."""
        for ch in "要将":
            i = body.find(ch, s_start, start)
            while i != -1:
                marks = self._modal_yao(body, i) if ch == "要" else self._future_jiang(body, i, start)
                if marks and not layout.in_quote(i, i + 1):
                    return True
                i = body.find(ch, i + 1, start)
        return False

    def _modal_yao(self, body: str, i: int) -> bool:
        return not any(body.startswith(w, i - w.index("要")) for w in self.yao_words if i >= w.index("要"))

    def _future_jiang(self, body: str, i: int, start: int) -> bool:
        if i > 0 and body[i - 1] in "即老名大":  # 即将 is a modal word; 老将, 名将 are nouns
            return False
        return i + 1 == start or self.jiang_next.at(body, i + 1) is not None

    def _manner(self, after: str) -> bool:
        """…宣传宣讲等多元形式: the trigger is one of the methods listed before 等…形式."""
        for cue in self.manner:
            p = after.find(cue)
            if p != -1:
                q = after.rfind("等", 0, p)
                if q != -1 and p - q <= MANNER_GAP:
                    return True
        return False

    def _refers_back(self, body: str, s_start: int, start: int, type_name: str) -> bool:
        nouns = self.type_nouns.get(type_name)
        if nouns is None:
            return False
        for cue in self.anaphora:
            i = body.find(cue, s_start, start)
            while i != -1:
                j = i + len(cue)
                if any(nouns.at(body, k) for k in range(j, min(j + ANAPHORA_GAP, start))):
                    return True
                i = body.find(cue, j, start)
        return False
