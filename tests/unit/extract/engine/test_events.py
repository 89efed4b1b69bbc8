"""Events: triggers and types in context, time, location, participants, quantities.

Every fixture is a sentence written for this test; the other components are replaced by
hand-built fakes (TimeSpan, PlaceMention, Entity, Metric) so only the events logic is tested.
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from newsevents.contract.analysis import Entity, Metric, Region, TimeSpan
from newsevents.extract.engine.document import PlaceMention
from newsevents.extract.engine.events import ArticleContext, EventFinder
from newsevents.extract.engine.sentences import split_sentences
from newsevents.extract.engine.taxonomy import Taxonomy

PUBLISHED = date(2024, 6, 20)


@pytest.fixture(scope="module")
def finder() -> EventFinder:
    return EventFinder(Taxonomy.load())


def context(body: str, *, times=(), places=(), entities=(), metrics=(), region=None, published=PUBLISHED):
    return ArticleContext(
        body=body,
        headline=None,
        published=published,
        sentences=split_sentences(body),
        entities=list(entities),
        places=list(places),
        times=list(times),
        metrics=list(metrics),
        region=region,
    )


def at(body: str, text: str, nth: int = 0) -> int:
    pos = -1
    for _ in range(nth + 1):
        pos = body.index(text, pos + 1)
    return pos


def span_time(body: str, text: str, start: str | None, end: str | None, fuzzy: bool = False) -> TimeSpan:
    return TimeSpan(
        text=text,
        start=date.fromisoformat(start) if start else None,
        end=date.fromisoformat(end) if end else None,
        fuzzy=fuzzy,
        offset=at(body, text),
    )


def place(body: str, text: str, adcode: str, level: str = "county", nth: int = 0) -> PlaceMention:
    s = at(body, text, nth)
    return PlaceMention(text=text, start=s, end=s + len(text), adcode=adcode, name=text, level=level)


def entity(body: str, text: str, label: str = "person") -> Entity:
    s = at(body, text)
    return Entity(text=text, start=s, end=s + len(text), label=label)


def metric(body: str, text: str, value: float, unit: str) -> Metric:
    s = at(body, text)
    return Metric(text=text, start=s, end=s + len(text), value=value, unit=unit)


# (sentence, expected [(type, trigger)] in text order); [] means the sentence holds no event
TYPES = [
    # meeting
    ("6月3日，某县召开安全生产工作部署会，安排下阶段重点任务。", [("meeting", "召开")]),
    ("研讨会在市委党校举行，来自各地的专家参加。", [("meeting", "举行")]),
    ("区委召开常委会议研究部署开展专项整治行动。", [("meeting", "召开")]),
    ("昨日，市文明办组织召开创建工作联席会，通报近期进展。", [("meeting", "组织召开")]),
    # activity
    ("社区志愿者在广场开展“清洁家园”志愿服务活动，捡拾垃圾300余袋。", [("activity", "开展")]),
    ("5月20日，全市“文明交通月”启动仪式在人民公园举行。", [("activity", "举行")]),
    ("团县委举办青年文化节，吸引两千余名青年参与。", [("activity", "举办")]),
    ("镇党委书记带队走访慰问困难党员和老党员。", [("activity", "走访慰问")]),
    ("街道联合卫生院组织开展健康义诊进社区，免费为居民测量血压。", [("activity", "组织开展")]),
    ("县委宣传部组织“百姓宣讲团”深入各村巡回宣讲20余场。", [("activity", "组织")]),
    # competition
    ("近日，全省中学生篮球比赛决赛在体育中心落下帷幕。", [("competition", "落下帷幕")]),
    ("市总工会举办第五届职工技能大赛，来自80家企业的选手同台竞技。", [("competition", "举办")]),
    ("区文联召开首届少儿书法擂台赛，评出优秀作品50件。", [("competition", "召开")]),
    # honor
    ("今年以来，全市3人入选“中国好人榜”，12人获评“河北好人”。", [("honor", "入选"), ("honor", "获评")]),
    ("该村党支部被评为全国先进基层党组织。", [("honor", "被评为")]),
    ("王某被授予“优秀共产党员”称号。", [("honor", "被授予")]),
    ("学校合唱团获得一等奖，另有两支队伍获得二等奖。", [("honor", "获得"), ("honor", "获得")]),
    ("该局受到省政府通报表彰。", [("honor", "受到")]),
    ("会上对30名优秀志愿者进行表彰。", [("honor", "表彰")]),
    # policy
    ("县政府办公室印发《关于加强农村人居环境整治的实施意见》。", [("policy", "印发")]),
    ("市文明委制定印发了《文明城市创建三年行动方案》。", [("policy", "制定")]),
    ("会议审议通过了《村规民约修订办法》。", [("policy", "审议通过")]),
    ("启动仪式上，区里发布《2024年全民阅读工作要点》。", [("policy", "发布")]),
    # publicity
    ("县融媒体中心开设“身边好人”专栏，刊发典型事迹40余篇。", [("publicity", "开设"), ("publicity", "刊发")]),
    ("市文明办发布第二季度“身边好人榜”，8人上榜。", [("publicity", "发布"), ("honor", "上榜")]),
    ("各级媒体集中展播公益广告和宣传短片。", [("publicity", "展播")]),
    # inspection
    ("市文明办对各城区开展创建工作专项督查，发现问题40个。", [("inspection", "开展")]),
    ("督导组采取明察暗访、随机抽查等方式查找问题。", []),
    ("区纪委对辖区农贸市场进行了暗访，现场反馈问题。", [("inspection", "进行")]),
    ("第三方机构每季度对各街道进行测评。", [("inspection", "进行")]),
    # construction
    ("今年以来，该区改造老旧小区26个，新建口袋公园8个。", [("construction", "改造"), ("construction", "新建")]),
    ("全县新建、改建农村公厕120座。", [("construction", "新建")]),
    ("城管部门打通断头路5条，新增停车泊位1200个。", [("construction", "打通"), ("construction", "新增")]),
    # good_deed
    ("他跳入河中救起落水儿童，随后悄然离开。", [("good_deed", "救起")]),
    ("司机立即停车施救，并将老人送往医院。", [("good_deed", "施救")]),
    ("环卫工人将捡到的钱包如数归还失主。", [("good_deed", "如数归还")]),
    # enforcement
    ("交警部门共查处酒驾违法行为86起，曝光典型案例10个。", [("enforcement", "查处"), ("enforcement", "曝光")]),
    ("市场监管局对3家商户立案调查，对5家商户下达整改通知书。", [("enforcement", "立案"), ("enforcement", "下达")]),
    # project
    ("4月，该县生态农业产业园项目正式开工。", [("project", "开工")]),
    ("镇里实施人居环境提升工程，整治村庄道路。", [("project", "实施")]),
    ("签约仪式上，6家企业现场签约，总投资12亿元。", [("project", "签约")]),
    # nothing: nouns, plans, demands, quotes, titles, negation, back-references
    ("测评体系和督查机制不断完善。", []),
    ("活动场所和宣讲团队伍建设持续加强。", []),
    ("下一步，该县将开展文明村镇创建活动。", []),
    ("全市将于下月举行志愿服务项目大赛。", []),
    ("会议提出，要扎实开展文明创建活动，健全设施改造长效机制。", []),
    ("“我们要把宣传工作做到群众心坎上。”他说。", []),
    ("他的事迹被写入《见义勇为英雄谱》一书。", []),
    ("当地至今未开展相关督查。", []),
    ("本次比赛由团市委主办，共有16支队伍晋级决赛。", []),
    ("文明创建成果惠及全体市民。", []),
    ("群众的获得感、幸福感持续增强。", []),
    ("创建工作开展以来，群众满意度明显提升。", []),
    ("各地工作有序开展。", []),
    ("他在例行巡查时发现一辆违停车辆。", []),
    ("该项目被列为省级重点项目。", []),
    ("老旧小区改造后的环境焕然一新。", []),
    ("文明是一座城市最好的名片。", []),
]


@pytest.mark.parametrize("sentence, expected", TYPES)
def test_types(finder, sentence, expected):
    events = finder.find(context(sentence))
    assert [(e.type, e.trigger.text) for e in events] == expected


def test_offsets_index_the_body(finder):
    body = "连日来，市城管局开展占道经营专项整治，共查处违规行为320起。\n同时，全市新建公厕15座。"
    events = finder.find(context(body))
    assert events
    for e in events:
        assert body[e.trigger.start : e.trigger.end] == e.trigger.text
        assert body[e.sentence_start : e.sentence_start + len(e.sentence)] == e.sentence
        assert e.trigger.start >= e.sentence_start


def test_one_event_per_list_clause(finder):
    body = "近年来，该市2人入选“中国好人榜”，5人获评“山西好人”，1户家庭被评为全国“最美家庭”。"
    events = finder.find(context(body))
    assert [e.trigger.text for e in events] == ["入选", "获评", "被评为"]
    assert [[p.name for p in e.participants if p.role == "honor"] for e in events] == [
        ["中国好人榜"],
        ["山西好人"],
        ["最美家庭"],
    ]


# (body, time expressions [(text, start, end)], trigger, expected time text or None)
TIMES = [
    # the nearest governing time before the trigger in its sentence
    ("3月5日，县里开展学雷锋志愿服务活动。", [("3月5日", "2024-03-05", "2024-03-05")], "开展", "3月5日"),
    # a time inside a noun phrase governs nothing; the clause-initial one does
    (
        "今年4月，张三入选2024年第一季度“中国好人榜”。",
        [("今年4月", "2024-04-01", "2024-04-30"), ("2024年第一季度", "2024-01-01", "2024-03-31")],
        "入选",
        "今年4月",
    ),
    # a time right before the trigger noun modifies it
    ("会上，区文明办通报了一季度实地测评中发现的问题。", [("一季度", "2024-01-01", "2024-03-31")], "测评", "一季度"),
    # across ； in one sentence
    (
        "今年以来，该区改造老旧小区12个；新建公园5个。",
        [("今年以来", "2024-01-01", "2024-06-20")],
        "新建",
        "今年以来",
    ),
    # inherited from an earlier sentence of the paragraph
    (
        "去年7月4日，村民李四在河边散步时发现有人落水。他纵身跳入水中，将落水者救上岸。",
        [("去年7月4日", "2023-07-04", "2023-07-04")],
        "救上岸",
        "去年7月4日",
    ),
    # not from another paragraph
    ("5月9日，县里召开推进会。\n各乡镇随后开展督查。", [("5月9日", "2024-05-09", "2024-05-09")], "开展", None),
    # a time word with no date blocks inheritance
    ("近年来，全县开展志愿服务活动1万余场。", [("近年来", None, None)], "开展", None),
    (
        "去年3月，王五在路边救起一名老人。事后，王五被评为“见义勇为模范”。",
        [("去年3月", "2023-03-01", "2023-03-31")],
        "被评为",
        None,
    ),
    # no time at all
    ("全县开展志愿服务活动1万余场。", [], "开展", None),
]


@pytest.mark.parametrize("body, times, trigger, expected", TIMES)
def test_time(finder, body, times, trigger, expected):
    spans = [span_time(body, t, s, e) for t, s, e in times]
    events = finder.find(context(body, times=spans))
    event = next(e for e in events if e.trigger.text == trigger)
    assert (event.time.text if event.time else None) == expected


def test_planned_event_with_a_future_date_is_dropped(finder):
    body = "6月28日，市里举办志愿服务项目大赛决赛。"
    spans = [span_time(body, "6月28日", "2024-06-28", "2024-06-28")]
    assert finder.find(context(body, times=spans)) == []


REGION = Region(adcode="620800", province="甘肃省", city="平凉市")

# (body, places [(text, adcode, level)], trigger, expected adcode)
LOCATIONS = [
    # the most specific division of a chain in the sentence
    (
        "5月11日，甘肃省平凉市崆峒区开展义诊活动。",
        [("甘肃省", "620000", "province"), ("平凉市", "620800", "city"), ("崆峒区", "620802", "county")],
        "开展",
        "620802",
    ),
    # the subject's division, not one named in a later clause
    (
        "崆峒区于2022年在天津市河西区支持下，启动一个养殖项目。",
        [("崆峒区", "620802", "county"), ("天津市河西区", "120103", "county")],
        "启动",
        "620802",
    ),
    # a list of sibling divisions: their common parent
    (
        "崇信、静宁2个县级中心受到省委表彰。",
        [("崇信", "620823", "county"), ("静宁", "620826", "county")],
        "受到",
        "620800",
    ),
    # places after the trigger do not count
    ("去年11月，某合作社蔬菜项目正式投产，产品销往兰州。", [("兰州", "620100", "city")], "投产", "620800"),
    # the paragraph's place
    ("在崆峒区，志愿者活跃在街头。他们常年开展义务巡逻服务。", [("崆峒区", "620802", "county")], "开展", "620802"),
    # else the article's region
    ("全市开展志愿服务活动1万余场。", [], "开展", "620800"),
]


@pytest.mark.parametrize("body, places, trigger, expected", LOCATIONS)
def test_location(finder, body, places, trigger, expected):
    mentions = [place(body, t, code, level) for t, code, level in places]
    events = finder.find(context(body, places=mentions, region=REGION))
    event = next(e for e in events if e.trigger.text == trigger)
    assert event.location is not None and event.location.adcode == expected
    if places and expected != "620800":
        assert event.location.text in body


def test_region_location_text(finder):
    events = finder.find(context("全市开展志愿服务活动1万余场。", region=REGION))
    assert events[0].location.text == "甘肃省平凉市"


def test_no_region_no_location(finder):
    assert finder.find(context("全市开展志愿服务活动1万余场。"))[0].location is None


PARTICIPANTS = [
    # honor: the recipient before the trigger, the title in quotes after it
    ("今年9月，赵六获评“浙江好人”。", [("赵六", "person")], "获评", {("赵六", "recipient"), ("浙江好人", "honor")}),
    # honor with no quotes: the object is the title
    ("孙七被评为省级道德模范。", [("孙七", "person")], "被评为", {("孙七", "recipient"), ("省级道德模范", "honor")}),
    # good deed: the doers told in the sentence before
    (
        "交警刘明、陈亮在路口巡逻时发现一名老人晕倒。两人第一时间将老人送往医院。",
        [("刘明", "person"), ("陈亮", "person")],
        "送往医院",
        {("刘明", "participant"), ("陈亮", "participant")},
    ),
    # a speaker in the event's sentence
    (
        "3月5日，学雷锋活动启动仪式在广场举行，“甘肃好人”周红在启动仪式上发言。",
        [("周红", "person")],
        "举行",
        {("周红", "speaker")},
    ),
    # policy: the document
    ("县委办印发《乡村振兴实施方案》。", [], "印发", {("乡村振兴实施方案", "document")}),
    # the organiser before the trigger; a venue is not one
    (
        "团县委在县体育馆举办青年联谊活动。",
        [("团县委", "organization"), ("县体育馆", "organization")],
        "举办",
        {("团县委", "organizer")},
    ),
]


@pytest.mark.parametrize("body, names, trigger, expected", PARTICIPANTS)
def test_participants(finder, body, names, trigger, expected):
    ents = [entity(body, t, label) for t, label in names]
    events = finder.find(context(body, entities=ents))
    event = next(e for e in events if e.trigger.text == trigger)
    assert {(p.name, p.role) for p in event.participants} == expected


def test_speaker_in_a_later_paragraph_joins_the_meeting(finder):
    body = "5月13日，某区召开创建工作推进会。\n区文明办主任张海在会上表示，要集中攻坚。"
    events = finder.find(context(body, entities=[entity(body, "张海")]))
    assert [e.type for e in events] == ["meeting"]
    assert ("张海", "speaker") in {(p.name, p.role) for p in events[0].participants}


def test_organizer_from_you_zhuban(finder):
    body = "近日，某市举行职工合唱比赛决赛。据了解，本次比赛由市总工会主办。"
    events = finder.find(context(body, entities=[entity(body, "市总工会", "organization")]))
    assert [e.type for e in events] == ["competition"]
    assert ("市总工会", "organizer") in {(p.name, p.role) for p in events[0].participants}


def test_quantities_belong_to_their_clause(finder):
    body = "全县3人入选“中国好人榜”、15人获评“湖南好人”，新建公厕20座。"
    ms = [metric(body, "3人", 3, "人"), metric(body, "15人", 15, "人"), metric(body, "20座", 20, "座")]
    events = finder.find(context(body, metrics=ms))
    assert [[q.text for q in e.quantities] for e in events] == [["3人"], ["15人"], ["20座"]]


@pytest.mark.parametrize(
    "body",
    [
        "",
        "   \n\n  ",
        "，。；！？……“”《》",
        "The city held a volunteer event on Monday.",
        "本市開展志願服務活動，召開推進會。",  # traditional characters: different words, no crash
        "\x00\x01开展\x02活动\x7f",
        "“" * 500,
        "《" * 300 + "召开会议",
    ],
)
def test_odd_input_never_crashes(finder, body):
    events = finder.find(context(body))
    for e in events:
        assert body[e.trigger.start : e.trigger.end] == e.trigger.text


def test_one_megabyte_of_text_is_linear(finder):
    unit = "今年以来，全市开展志愿服务活动300场，新建公厕20座，3人入选“中国好人榜”。\n"
    body = unit * (1_000_000 // len(unit))
    started = time.perf_counter()
    events = finder.find(context(body))
    assert len(events) == 3 * (1_000_000 // len(unit))
    assert time.perf_counter() - started < 120  # a hang guard, not a speed test


def test_one_megabyte_without_punctuation(finder):
    body = "开展活动举行仪式召开会议" * 90_000
    events = finder.find(context(body))
    assert all(body[e.trigger.start : e.trigger.end] == e.trigger.text for e in events)
