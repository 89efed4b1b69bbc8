"""Time expressions normalised against the publication date (FORMAT.md §3)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsevents.extract.engine.times import find_times

PUB = date(2024, 10, 10)


def _found(text: str, published: date = PUB) -> list[tuple[str, str | None, str | None, bool]]:
    spans = find_times(text, published)
    for t in spans:
        assert t.offset is not None and text[t.offset : t.offset + len(t.text)] == t.text
    assert [t.offset for t in spans] == sorted(t.offset for t in spans)
    return [(t.text, t.start and t.start.isoformat(), t.end and t.end.isoformat(), t.fuzzy) for t in spans]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a day without a year: nearest before publication, or at most 30 days after it
        ("3月5日，中心城区志愿服务主题活动启动仪式在人民广场举行。", PUB, [("3月5日", "2024-03-05", "2024-03-05", False)]),
        ("7月26日，鹤壁组织开展主题活动。", PUB, [("7月26日", "2024-07-26", "2024-07-26", False)]),
        ("12月28日，市里召开会议。", date(2025, 1, 3), [("12月28日", "2024-12-28", "2024-12-28", False)]),
        ("1月5日将举行颁奖仪式。", date(2024, 12, 20), [("1月5日", "2025-01-05", "2025-01-05", False)]),
        ("图为10月2日，霞光倒映在河面。", PUB, [("10月2日", "2024-10-02", "2024-10-02", False)]),
        ("五月十一日，志愿者开展清洁行动。", date(2024, 5, 16), [("五月十一日", "2024-05-11", "2024-05-11", False)]),
        ("5月1号起施行。", PUB, [("5月1号", "2024-05-01", "2024-05-01", False)]),
        # explicit and relative years
        ("去年4月4日，交警在巡查时发现一辆车违停。", PUB, [("去年4月4日", "2023-04-04", "2023-04-04", False)]),
        ("前年9月，项目开工。", PUB, [("前年9月", "2022-09-01", "2022-09-30", False)]),
        ("湟中区西堡镇于2022年通过协作政策启动项目。", PUB, [("2022年", "2022-01-01", "2022-12-31", False)]),
        ("二〇二三年，全县新建公厕12座。", PUB, [("二〇二三年", "2023-01-01", "2023-12-31", False)]),
        ("去年，三江县出台实施意见。", date(2025, 4, 24), [("去年", "2024-01-01", "2024-12-31", False)]),
        ("今年3月，恩施州文明委印发实施方案。", date(2024, 5, 16), [("今年3月", "2024-03-01", "2024-03-31", False)]),
        ("去年12月的一个夜晚，司机发现一名老人晕倒。", date(2024, 12, 12), [("去年12月", "2023-12-01", "2023-12-31", False)]),
        ("3月，哈尔滨市文明办印发方案。", date(2025, 4, 24), [("3月", "2025-03-01", "2025-03-31", False)]),
        ("2024年3月5日上午，会议召开。", PUB, [("2024年3月5日", "2024-03-05", "2024-03-05", False)]),
        ("98年4月，他参军入伍。", PUB, [("98年4月", "1998-04-01", "1998-04-30", False)]),
        # since: Jan 1 / the stated start … published, fuzzy
        ("今年以来，该市召开创建工作调度推进会。", PUB, [("今年以来", "2024-01-01", "2024-10-10", True)]),
        ("2023年以来，鹤壁1人入选“中国好人榜”。", PUB, [("2023年以来", "2023-01-01", "2024-10-10", True)]),
        ("3月以来，全市开展督查。", PUB, [("3月以来", "2024-03-01", "2024-10-10", True)]),
        ("2022年至今，累计投入资金12.8亿元。", PUB, [("2022年至今", "2022-01-01", "2024-10-10", True)]),
        # parts of a year and of a month
        ("上半年，全州开展志愿服务活动1.7万余场次。", PUB, [("上半年", "2024-01-01", "2024-06-30", False)]),
        ("今年上半年，全州开展活动。", date(2024, 12, 12), [("今年上半年", "2024-01-01", "2024-06-30", False)]),
        ("2023年下半年，项目投产。", PUB, [("2023年下半年", "2023-07-01", "2023-12-31", False)]),
        ("2024年第一季度，全市新增就业1万人。", PUB, [("2024年第一季度", "2024-01-01", "2024-03-31", False)]),
        ("区文明办通报了一季度实地测评情况。", date(2024, 5, 16), [("一季度", "2024-01-01", "2024-03-31", False)]),
        ("前三季度，全市经济平稳运行。", PUB, [("前三季度", "2024-01-01", "2024-09-30", False)]),
        ("今年前5个月，全市接待游客100万人次。", PUB, [("今年前5个月", "2024-01-01", "2024-05-31", False)]),
        ("今年1—5月，全市实现增长。", PUB, [("今年1—5月", "2024-01-01", "2024-05-31", False)]),
        ("3月中旬，全区开展集中整治。", PUB, [("3月中旬", "2024-03-11", "2024-03-20", True)]),
        ("10月中旬，宣讲团走进边境村。", date(2024, 12, 12), [("10月中旬", "2024-10-11", "2024-10-20", True)]),
        ("今年1月下旬，林溪镇举办村晚。", date(2025, 4, 24), [("今年1月下旬", "2025-01-21", "2025-01-31", True)]),
        ("2月底，项目完工。", PUB, [("2月底", "2024-02-21", "2024-02-29", True)]),
        ("2024年底前全面完成。", PUB, [("2024年底", "2024-11-01", "2024-12-31", True)]),
        ("今年初，村里成立志愿服务队。", PUB, [("今年初", "2024-01-01", "2024-02-29", True)]),
        # ranges
        ("4月1日至6日，城关区开展文明祭扫志愿服务活动。", date(2025, 4, 24), [("4月1日至6日", "2025-04-01", "2025-04-06", False)]),
        ("3月5日至4月2日", PUB, [("3月5日至4月2日", "2024-03-05", "2024-04-02", False)]),
        ("12月28日至1月3日", date(2025, 1, 5), [("12月28日至1月3日", "2024-12-28", "2025-01-03", False)]),
        ("2017年8月至11月", PUB, [("2017年8月至11月", "2017-08-01", "2017-11-30", False)]),
        ("2022年—2024年", PUB, [("2022年—2024年", "2022-01-01", "2024-12-31", False)]),
        # words relative to the publication date
        ("近日，四川省达州市举行合唱比赛决赛。", PUB, [("近日", "2024-10-03", "2024-10-10", True)]),
        ("日前，安吉县印发积分管理办法。", date(2024, 12, 12), [("日前", "2024-12-05", "2024-12-12", True)]),
        ("连日来，湟中区各级各部门开展宣讲活动。", PUB, [("连日来", "2024-09-30", "2024-10-10", True)]),
        ("昨日，西湖区志愿宣讲比赛决赛举行。", date(2024, 12, 12), [("昨日", "2024-12-11", "2024-12-11", False)]),
        ("昨天下午，会议召开。", PUB, [("昨天", "2024-10-09", "2024-10-09", False)]),
        ("今天，志愿者走上街头。", PUB, [("今天", "2024-10-10", "2024-10-10", False)]),
        ("本月9日，县里召开推进会。", PUB, [("本月9日", "2024-10-09", "2024-10-09", False)]),
        ("上个月，全县开展督查。", PUB, [("上个月", "2024-09-01", "2024-09-30", False)]),
        ("上周，社区组织义诊。", PUB, [("上周", "2024-09-30", "2024-10-06", False)]),
        ("15日上午，记者从市文明办获悉。", PUB, [("15日", "2024-09-15", "2024-09-15", False)]),
        # the day of the last exact date
        (
            "12月5日国际志愿者日当天，鼓楼区举办志愿服务嘉年华。",
            date(2024, 12, 12),
            [("12月5日", "2024-12-05", "2024-12-05", False), ("当天", "2024-12-05", "2024-12-05", False)],
        ),
        (
            "5月11日，比赛开幕，次日进行决赛。",
            date(2024, 5, 16),
            [("5月11日", "2024-05-11", "2024-05-11", False), ("次日", "2024-05-12", "2024-05-12", False)],
        ),
        ("当晚，演出在广场举行。", PUB, [("当晚", None, None, True)]),
        (
            "近日，比赛举行，6支队伍晋级当晚决赛。",  # 当晚 follows a vague time: not resolved
            PUB,
            [("近日", "2024-10-03", "2024-10-10", True), ("当晚", None, None, True)],
        ),
        # holidays
        ("春节期间，志愿者走访慰问困难群众。", date(2024, 2, 20), [("春节期间", "2024-02-09", "2024-02-16", True)]),
        ("春节前后，全市开展安全检查。", date(2025, 2, 5), [("春节前后", "2025-01-22", "2025-02-05", True)]),
        ("国庆节期间，景区接待游客。", PUB, [("国庆节期间", "2024-10-01", "2024-10-07", True)]),
        ("中秋节前夕，社区为老人送去月饼。", PUB, [("中秋节前夕", "2024-09-10", "2024-09-16", True)]),
        ("2024年春节，全市举办庙会。", PUB, [("2024年春节", "2024-02-10", "2024-02-10", False)]),
        # not normalised (FORMAT §3): reported with no dates so that nothing borrows a false time
        ("近年来，恩施州3人入选“中国好人榜”。", PUB, [("近年来", None, None, True)]),
        ("截至目前，共查处各类交通违法行为1860起。", PUB, [("截至目前", None, None, True)]),
        ("入冬以来，石柱县组织党员志愿者开展暖冬行动。", PUB, [("入冬以来", None, None, True)]),
        ("会上，5名快递员获评最美劳动者。", PUB, [("会上", None, None, True)]),
        ("目前，白云区已建成劳动者港湾46个。", PUB, [("目前", None, None, True)]),
        # several in one text, in order
        (
            "今年4月，向春兰入选2024年第一季度“湖北好人榜”。",
            date(2024, 5, 16),
            [("今年4月", "2024-04-01", "2024-04-30", False)],
        ),
        (
            "去年，这支服务队被评为“最美志愿服务组织”；今年3月，又获表彰。",
            date(2024, 5, 16),
            [("去年", "2023-01-01", "2023-12-31", False), ("今年3月", "2024-03-01", "2024-03-31", False)],
        ),
    ],
)
def test_times(text: str, published: date, expected: list) -> None:
    assert _found(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "。，、；！？",
        "The meeting was held on March 5.",
        "\x00\x01\x02\x1f\x7f",
        "累计开展文明实践志愿服务活动2000多场次。",  # 2000多 is no year
        "庆祝中华人民共和国成立75周年合唱比赛。",
        "大家第一时间将人送往医院。",
        "依据2023年版测评指标体系开展测评。",  # a version
        "这样的上门探访，她已经坚持了5年。",  # a duration
        "在中央大街等12处重点窗口设立服务站。",
        "第八届志愿服务项目大赛。",
        "将每月5日确定为“全市新时代文明实践推动日”。",  # recurring
        "每年3月开展学雷锋活动。",
        "参与群众3.1万人次。",
        "培训持续3个月。",
        "制定《2024年创建宣传工作方案》。",  # inside a title
        "召开2024年全国文明城市创建工作推进会。",  # names the meeting, does not date it
        "20户家庭被推荐为2024年全省“最美家庭”。",
        "2名学生入选2024年上半年“新时代甘肃好少年”拟定人员名单。",
        "不忘初心，牢记使命。",
        "在社会上，爱护环境、遵守公德。",
        "严格落实周二、周五定期督查机制。",  # weekdays: recurring here, not read
        "举办春节联欢晚会。",  # a holiday name without a suffix
        "“文明祭扫 绿色清明”志愿服务活动。",
        "电话13800138000，身份证号140302197706220124。",
        "3.1万",
        "2月30日",  # no such day
        "13月5日",
        "1860起",
    ],
)
def test_no_time(text: str) -> None:
    assert [t for t in find_times(text, PUB) if t.start is not None] == []


@pytest.mark.parametrize(
    "text",
    ["全市2000多场次、12处、3.1万人、第八届、75周年。", "在社会上，爱护环境。", "举办春节联欢晚会。", ""],
)
def test_nothing_at_all(text: str) -> None:
    assert find_times(text, PUB) == []


def test_traditional_characters() -> None:
    assert _found("去年4月4日，崆峒區交管站發現一輛車") == [("去年4月4日", "2023-04-04", "2023-04-04", False)]


def test_one_megabyte() -> None:
    text = "今年以来，全市开展活动2000多场次。3月5日，启动仪式举行。" * 35_000
    assert len(text) > 1_000_000
    spans = find_times(text, PUB)
    assert len(spans) == 70_000
    assert {t.text for t in spans} == {"今年以来", "3月5日"}


@pytest.mark.parametrize("text", ["年" * 200_000, "一" * 200_000, "1" * 200_000, "《" * 200_000, "3月5日至" * 50_000])
def test_degenerate_inputs(text: str) -> None:
    find_times(text, PUB)  # returns, whatever it finds


def test_dev_gold_event_times(shared_dir) -> None:
    """Every gold event time whose expression opens its sentence is what find_times gives there."""
    checked = 0
    for line in (shared_dir / "eval/dev/articles.jsonl").read_text("utf-8").splitlines():
        doc = json.loads(line)
        article = doc["gold"]["articles"][0]
        body, published = article.get("body") or doc["text"], date.fromisoformat(doc["published"])
        spans = find_times(body, published)
        for event in article["events"]:
            gold, at = event.get("time"), body.find(event["evidence"])
            if not gold or at < 0:
                continue
            head = max(body.rfind(c, 0, at) for c in "。！？\n") + 1
            opening = [t for t in spans if t.offset == head and t.start is not None]
            if not opening:
                continue
            t = opening[0]
            assert (t.start.isoformat(), t.end.isoformat()) == (gold["start"], gold["end"]), t.text
            assert t.fuzzy == bool(gold.get("fuzzy")), t.text
            checked += 1
    assert checked >= 50
