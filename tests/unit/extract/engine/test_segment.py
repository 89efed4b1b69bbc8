"""split_page and clean_article on small inputs: what comes out, what must not, and odd input."""

from __future__ import annotations

import pytest
from newsevents.extract.engine.document import RawArticle
from newsevents.extract.engine.segment import clean_article, split_page


def summary(articles: list[RawArticle]) -> list[tuple]:
    return [(a.headline, a.subheadline, a.byline, a.body) for a in articles]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # headline, dateline, two paragraphs
        (
            ("吉林长春市朝阳区召开文明城市创建工作推进会\n\n"
             "本报讯 （刘洋 孙铭泽）5月13日，吉林省\n长春市朝阳区召开2024年全国文明城市创建工\n作推进会。\n\n"
             "会上，红旗街道等5个单位作了交流发言，区文\n明办通报了一季度实地测评中发现的问题。"),
            [("吉林长春市朝阳区召开文明城市创建工作推进会", None, ["刘洋", "孙铭泽"],
              ("5月13日，吉林省长春市朝阳区召开2024年全国文明城市创建工作推进会。\n"
               "会上，红旗街道等5个单位作了交流发言，区文明办通报了一季度实地测评中发现的问题。"))],
        ),
        # a feature head (headline, subtitle, ◎ byline), a column break in mid-sentence
        (
            ("文明新风拂硒都\n\n——湖北恩施州深化新时代文明实践工作侧记\n\n◎ 向红梅 谭启明\n\n"
             "今年以来，湖北省恩施州坚持把新时\n代文明实践作为凝聚群众的重要抓手，推动\n\n"
             "文明实践阵地向村寨院落延伸。"),
            [("文明新风拂硒都", "湖北恩施州深化新时代文明实践工作侧记", ["向红梅", "谭启明"],
              "今年以来，湖北省恩施州坚持把新时代文明实践作为凝聚群众的重要抓手，推动文明实践阵地向村寨院落延伸。")],
        ),
        # a headline printed after its brief's body, before the next brief
        (
            ("本报讯（胡杨 孙伟）近日，四川省达州市举\n行庆祝新中国成立75周年合唱比赛决赛。\n\n"
             "四川达州市举行庆祝新中国成立75周年合唱比赛决赛\n\n"
             "青海西宁市湟中区\n推动全会精神落地落实\n\n"
             "本报讯（赵越）连日来，青海省西宁市湟中\n区各级各部门开展宣讲活动。"),
            [("四川达州市举行庆祝新中国成立75周年合唱比赛决赛", None, ["胡杨", "孙伟"],
              "近日，四川省达州市举行庆祝新中国成立75周年合唱比赛决赛。"),
             ("青海西宁市湟中区推动全会精神落地落实", None, ["赵越"], "连日来，青海省西宁市湟中区各级各部门开展宣讲活动。")],
        ),
        # a photo caption is an article of its own; the credit is its byline, not its body
        (
            "近年来，湖北省\n宜昌市对黄柏河流\n域实施生态修复工\n程。图 为 10 月 2\n日，霞光倒映在水\n面。\n张国荣望作信摄",
            [(None, None, ["张国荣", "望作信"], "近年来，湖北省宜昌市对黄柏河流域实施生态修复工程。图为10月2日，霞光倒映在水面。")],
        ),
        # a news opening about another province starts a new article (its headline comes later)
        (
            ("本报讯（马丽）近日，浙江省义乌市举办志愿服务\n项目大赛，24个项目同台竞技。\n\n"
             "10月8日，河南省郑州市金水区召开文明城市创\n建工作推进会，部署下一阶段重点任务。\n\n"
             "河南郑州市金水区召开文明城市创建推进会"),
            [(None, None, ["马丽"], "近日，浙江省义乌市举办志愿服务项目大赛，24个项目同台竞技。"),
             ("河南郑州市金水区召开文明城市创建推进会", None, [], "10月8日，河南省郑州市金水区召开文明城市创建工作推进会，部署下一阶段重点任务。")],
        ),
        # … but a feature telling of a partner province keeps its paragraph
        (
            ("结对帮扶结硕果\n\n◎ 本报记者 张明\n\n今年以来，江苏省常州市持续深化东西部协作，\n推动结对帮扶走深走实。\n\n"
             "去年，湖南省湘西州与江苏省常州市签订协议，\n两地在产业、人才等方面开展合作。"),
            [("结对帮扶结硕果", None, ["张明"],
              ("今年以来，江苏省常州市持续深化东西部协作，推动结对帮扶走深走实。\n"
              "去年，湖南省湘西州与江苏省常州市签订协议，两地在产业、人才等方面开展合作。"))],
        ),
        # a bare credit (no caption text) is dropped
        ("冉光辉 摄", []),
        # nothing to extract
        ("", []),
        ("   \n\n\t\n", []),
        ("，。！？……——“”\n\n、、、", []),
    ],
)
def test_split_page(page, expected):
    assert summary(split_page(page)) == expected


@pytest.mark.parametrize(
    ("text", "headline", "expected"),
    [
        # an article pushed as clean text (one paragraph per line) keeps its paragraphs
        (
            ("今年以来，湖北省恩施土家族苗族自治州坚持把新时代文明实践作为凝聚群众、引导群众、服务群众的重要抓手。\n"
             "恩施州委宣传部副部长覃晓燕表示：“我们将持续推动文明实践与乡村振兴同频共振。”"),
            "文明新风拂硒都",
            ("文明新风拂硒都", None, [],
             ("今年以来，湖北省恩施土家族苗族自治州坚持把新时代文明实践作为凝聚群众、引导群众、服务群众的重要抓手。\n"
              "恩施州委宣传部副部长覃晓燕表示：“我们将持续推动文明实践与乡村振兴同频共振。”")),
        ),
        # a hard-wrapped article: headline, dateline and trailing byline found, wraps rejoined
        (
            "甘肃兰州市城关区倡\n导文明祭扫\n\n4月1日至6日，甘肃省兰州市城关\n区组织300余名志愿者开展“文明祭扫 绿色\n清明”志愿服务活动。\n\n（马文娟）",
            None,
            ("甘肃兰州市城关区倡导文明祭扫", None, ["马文娟"], "4月1日至6日，甘肃省兰州市城关区组织300余名志愿者开展“文明祭扫 绿色清明”志愿服务活动。"),
        ),
        # the given headline printed again at the top is not repeated as a subhead
        (
            "浙江安吉县推行文明实践积分制\n\n本报讯 （沈佳慧）日前，浙江省湖州市安吉县印发\n《安吉县新时代文明实践积分管理办法（试行）》。",
            "浙江安吉县推行文明实践积分制",
            ("浙江安吉县推行文明实践积分制", None, ["沈佳慧"], "日前，浙江省湖州市安吉县印发《安吉县新时代文明实践积分管理办法（试行）》。"),
        ),
        # a doubled bold headline given by the caller is repaired
        ("近日，某市召开会议。", "文明城市文明城市创建创建", ("文明城市创建", None, [], "近日，某市召开会议。")),
        ("", "标题", ("标题", None, [], "")),
        ("，。！？", None, (None, None, [], "")),
    ],
)
def test_clean_article(text, headline, expected):
    a = clean_article(text, headline)
    assert (a.headline, a.subheadline, a.byline, a.body) == expected


def test_subheads_of_a_single_article_are_structure_not_body():
    a = clean_article("今年以来，延边州持续推进文明实践。\n\n以文明实践凝聚人心\n\n“阿妈妮，这几天血压怎么样？”志愿者问。")
    assert a.subheads == ["以文明实践凝聚人心"]
    assert a.body == "今年以来，延边州持续推进文明实践。\n“阿妈妮，这几天血压怎么样？”志愿者问。"


@pytest.mark.parametrize(
    "text",
    [
        "The quick brown fox jumps over the lazy dog.\nHello world, this is a test.\n\nAnother paragraph.",
        "本報訊（記者 張三）近日，臺灣同胞參觀了廣東省廣州市的博物館。\n\n這是繁體字。",
        "本报讯\x00（记者\x07 张三）\x1b近日，\u200b某市召开会议。\x0c\n\n第二段\x7f。",
        "第一段文字。\r\n\r\n第二段文字。\r第三行",
        "\ufeff（）（）（（（））\n——\n——\n◎\n/ /\n摄",
    ],
)
def test_odd_input_gives_clean_articles_not_errors(text):
    for article in [*split_page(text), clean_article(text)]:
        assert article.body == article.body.strip()
        assert not any(ord(c) < 32 and c != "\n" for c in article.body)
        assert "\u200b" not in article.body and "\ufeff" not in article.body


def test_traditional_dateline_and_control_characters():
    assert summary(split_page("本報訊（記者 張三）近日，臺灣同胞參觀了博物館。\n\n這是繁體字。")) == [
        (None, None, ["張三"], "近日，臺灣同胞參觀了博物館。\n這是繁體字。")
    ]
    assert summary(split_page("本报讯\x00（记者\x07 张三）\x1b近日，\u200b某市召开会议。")) == [
        (None, None, ["张三"], "近日，某市召开会议。")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "文明新风拂硒都\n\n本报讯（记者 张三）近日，某市召开文明城市创建推进会，部署重点任务。\n\n" * 8000,
        "短\n\n" * 200_000,
        "字" * 350_000,
        "标题行\n" * 100_000,
    ],
    ids=["briefs", "one-character-blocks", "one-line", "heading-lines"],
)
def test_a_megabyte_is_handled(text):
    assert len(text.encode("utf-8")) >= 1_000_000
    articles = split_page(text)
    assert isinstance(articles, list)
    assert all(a.body for a in articles)


def test_deterministic():
    page = "河洛乡村绽新颜\n\n文/李晓东\n\n今年以来，河南省洛阳市孟津区坚持物质文明\n和精神文明相协调，群众的获得感持续增强。"
    assert split_page(page) == split_page(page)
    assert summary(split_page(page)) == [
        ("河洛乡村绽新颜", None, ["李晓东"], "今年以来，河南省洛阳市孟津区坚持物质文明和精神文明相协调，群众的获得感持续增强。")
    ]
