"""Direct quotes: the text inside the marks, its speaker (or None) and the speaker's role."""

from __future__ import annotations

import pytest
from newsevents.contract.analysis import Entity
from newsevents.extract.engine.quotes import find_quotes
from newsevents.extract.engine.sentences import split_sentences


def _entities(body: str, persons: tuple[str, ...] = (), orgs: tuple[str, ...] = ()) -> list[Entity]:
    """Entities at every occurrence of the given names (the tagger's output, written by hand)."""
    out = []
    for label, names in (("person", persons), ("organization", orgs)):
        for name in names:
            pos = body.find(name)
            while pos >= 0:
                out.append(Entity(text=name, label=label, start=pos, end=pos + len(name)))
                pos = body.find(name, pos + 1)
    return sorted(out, key=lambda e: e.start)


def _quotes(body: str, persons: tuple[str, ...] = (), orgs: tuple[str, ...] = ()):
    quotes = find_quotes(body, split_sentences(body), _entities(body, persons, orgs))
    for q in quotes:
        assert body[q.start : q.end] == q.text
    return quotes


@pytest.mark.parametrize(
    ("body", "persons", "orgs", "expected"),
    [
        # attribution after the quote
        (
            "“我们将全力做好防汛准备。”县应急管理局局长王建军说。",
            ("王建军",),
            ("县应急管理局",),
            [("王建军", "局长", "我们将全力做好防汛准备。")],
        ),
        (
            "“让每一位老人都吃上热乎饭。”社区党委书记冯丽华介绍，目前食堂每天供餐200余份。",
            ("冯丽华",),
            (),
            [("冯丽华", "社区党委书记", "让每一位老人都吃上热乎饭。")],
        ),
        (
            "“帮助别人，快乐自己。”在活动现场，大学生志愿者林小雨告诉记者，她已参加服务40余次。",
            ("林小雨",),
            (),
            [("林小雨", "大学生志愿者", "帮助别人，快乐自己。")],
        ),
        # attribution before the quote, with a colon
        ("镇党委书记刘芳表示：“要让群众少跑腿。”", ("刘芳",), (), [("刘芳", "镇党委书记", "要让群众少跑腿。")]),
        # a speaker known only by a role
        (
            "“今年的收成比去年好多了。”一位种粮大户笑着说。",
            (),
            (),
            [(None, "一位种粮大户", "今年的收成比去年好多了。")],
        ),
        (
            "“有了这个驿站，冬天不怕冷了。”这位环卫工人说。",
            (),
            (),
            [(None, "这位环卫工人", "有了这个驿站，冬天不怕冷了。")],
        ),
        ("“文明是最好的名片。”市文明办有关负责人表示。", (), (), [(None, "市文明办有关负责人", "文明是最好的名片。")]),
        ("面对采访，3位救人者只是淡淡地说了句：“这是应该做的。”", (), (), [(None, "3位救人者", "这是应该做的。")]),
        # a quote opening the paragraph, speaker named later in the sentence
        (
            "“坚持下去，就能看到变化。”5月20日，在“绿色家园”启动仪式上，志愿者代表孙悦作了发言。",
            ("孙悦",),
            (),
            [("孙悦", "志愿者代表", "坚持下去，就能看到变化。")],
        ),
        (
            "“坚持下去，就能看到变化。”5月20日，全县环保志愿服务正式启动。",
            (),
            (),
            [(None, None, "坚持下去，就能看到变化。")],
        ),
        # a pronoun refers to the person named before
        (
            "记者见到了老党员何建国。“只要身体允许，我就一直干。”他说。",
            ("何建国",),
            (),
            [("何建国", None, "只要身体允许，我就一直干。")],
        ),
        # nested single quotes stay inside
        ("他说：“大家都叫他‘活雷锋’，我也这么觉得。”", (), (), [(None, None, "大家都叫他‘活雷锋’，我也这么觉得。")]),
        # two quotes
        (
            "“谢谢你们！”老人拉着志愿者的手。“不客气，这是我们应该做的。”志愿者张洁说。",
            ("张洁",),
            (),
            [(None, None, "谢谢你们！"), ("张洁", "志愿者", "不客气，这是我们应该做的。")],
        ),
    ],
)
def test_quotes_and_speakers(body, persons, orgs, expected):
    assert [(q.speaker, q.role, q.text) for q in _quotes(body, persons, orgs)] == expected


@pytest.mark.parametrize(
    "body",
    [
        "城市“颜值”不断提升。",
        "构建创建全国文明城市“四梁八柱”。",
        "“创建全国文明城市”成了各级媒体的高频“热词”。",
        "开展“我为群众办实事”实践活动。",
        "践行“创建为民、惠民、利民”的理念。",
        "举办“志愿同心·服务同行”主题活动，“甘肃好人”景永红在仪式上发言。",
        "《“健康中国2030”规划纲要》印发实施。",
        "他被群众称为“热心肠”。",
        "他说：“我们要努力",
        "他说：”我们要努力“",
        "“”",
        "今天天气晴朗。",
        "",
    ],
)
def test_not_quotes(body):
    assert _quotes(body, ("景永红",)) == []


def test_quote_does_not_cross_paragraphs():
    body = "他说：“第一段没有结束\n第二段”继续。"
    assert _quotes(body) == []


def test_large_text_is_linear():
    body = "“我们将持续推进。”县长王海说。城市“颜值”提升。\n" * 5000  # ~125k characters
    quotes = _quotes(body, ("王海",))
    assert len(quotes) == 5000 and all(q.speaker == "王海" for q in quotes)
