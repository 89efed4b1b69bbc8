"""Names: persons (full names, no titles), organisations and locations, with offsets."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import numpy as np
import pytest
from newsevents.extract.engine.lac_model import LacModel, _cut, _decode
from newsevents.extract.engine.name_lexicon import lexicon
from newsevents.extract.engine.ner import NameTagger


@pytest.fixture(scope="module")
def tagger() -> NameTagger:
    return NameTagger()


def _names(tagger: NameTagger, text: str, label: str) -> set[str]:
    return {e.text for e in tagger.entities(text) if e.label == label}


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("县委书记张建国在会上强调，要抓好秋粮收购工作。", {"张建国"}),
        ("党委书记李红梅表示，将继续推进乡村振兴。", {"李红梅"}),
        ("志愿者王晓燕和村民刘大海一起清理河道垃圾。", {"王晓燕", "刘大海"}),
        ("退休教师陈桂芳坚持义务辅导学生十余年。", {"陈桂芳"}),
        ("出租车司机赵志远拾金不昧，将乘客遗落的手机送还失主。", {"赵志远"}),
        ("社区网格员周小燕说，楼道杂物已清理完毕。", {"周小燕"}),
        ("牧民阿依努尔·吐尔逊主动为游客指路。", {"阿依努尔·吐尔逊"}),
        ("居民买买提·吐尔洪笑着说，日子越过越好。", {"买买提·吐尔洪"}),
        ("欧阳明华、司马小雨获评优秀志愿者。", {"欧阳明华", "司马小雨"}),
        ("國務院總理李強主持召開國務院常務會議。", {"李強"}),
        # not full names, or not names at all
        ("王先生告诉记者，小区环境变好了。", set()),
        ("孩子们跟着刘老师学唱红歌。", set()),
        ("市民张女士和李先生参加了活动。", set()),
        ("小王说，他明天就去报名。", set()),
        ("全市共建成新时代文明实践站120个。", set()),
        ("开展“志愿同心·服务同行”主题活动。", set()),
        ("平凉市着力打造“好人文化”名片。", set()),
        ("山水林田湖草系统治理成效明显。", set()),
        ("春末夏初，走进孟津区，麦浪翻滚。", set()),
        ("The mayor said the bridge will open in May.", set()),
        ("，。！？“”《》……——", set()),
        ("", set()),
    ],
)
def test_persons(tagger, text, persons):
    assert _names(tagger, text, "person") == persons


@pytest.mark.parametrize(
    ("text", "organizations"),
    [
        ("本次活动由市委宣传部、市文明办联合主办。", {"市委宣传部", "市文明办"}),
        ("县融媒体中心记者深入一线采访。", {"县融媒体中心"}),
        ("县文化和旅游局组织专家开展文物普查。", {"县文化和旅游局"}),
        ("湖南省长沙市岳麓区人民法院依法审理此案。", {"岳麓区人民法院"}),
        ("市城管局联合市场监管局开展占道经营专项整治。", {"市城管局", "市场监管局"}),
        ("据介绍，团县委和县妇联联合开展关爱留守儿童活动。", {"团县委", "县妇联"}),
        ("记者从市公安局交警支队获悉，该路段将实施交通管制。", {"市公安局交警支队"}),
        # not organisations
        ("中国政府高度重视粮食安全。", set()),
        ("他来到市中心的广场。", set()),
        ("他在会上作了典型发言。", set()),
        ("市民纷纷点赞。", set()),
    ],
)
def test_organizations(tagger, text, organizations):
    assert _names(tagger, text, "organization") == organizations


@pytest.mark.parametrize(
    ("text", "locations"),
    [
        ("游客在人民广场观看升旗仪式。", {"人民广场"}),
        ("北京市朝阳区开展垃圾分类宣传。", {"北京市", "朝阳区"}),
        ("湖南省长沙市岳麓区人民法院依法审理此案。", {"湖南省", "长沙市"}),
        ("中美两国元首举行会晤。", {"中", "美"}),
        ("中国政府高度重视粮食安全。", {"中国"}),
        ("新疆北部将有降雪。", {"新疆"}),
        ("延边朝鲜族自治州和龙市南坪镇", {"延边朝鲜族自治州", "和龙市", "南坪镇"}),
        ("大家都来参加活动。", set()),
    ],
)
def test_locations(tagger, text, locations):
    assert _names(tagger, text, "location") == locations


PARAGRAPHS = [
    (
        "近日，某县人民医院党委书记孙立华带领医护志愿者走进偏远村组，为群众免费义诊。"
        "“看病不用跑远路了。”村民钱桂兰说。\n县卫生健康局副局长郑明表示，将把义诊活动常态化。"
    ),
    "國務院新聞辦公室舉行發布會。\x00\x07控制字符\u200b也不會出錯。",
    "“““”””“”",
]


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_offsets_index_the_body_and_never_overlap(tagger, text):
    entities = tagger.entities(text)
    for e in entities:
        assert text[e.start : e.end] == e.text
    spans = sorted((e.start, e.end) for e in entities)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_a_name_found_once_is_found_everywhere(tagger):
    text = "退休教师向春兰和志愿者一起辅导功课。今年4月，向春兰入选“湖北好人榜”。"
    starts = [e.start for e in tagger.entities(text) if e.text == "向春兰"]
    assert starts == [4, text.rindex("向春兰")]


def test_long_text_is_linear_and_safe(tagger):
    text = "县委书记张建国在会上强调，要抓好秋粮收购工作。\n" * 800  # ~20k characters
    persons = [e for e in tagger.entities(text) if e.label == "person"]
    assert len(persons) == 800


def test_threads_share_one_tagger(tagger):
    texts = [p for p in PARAGRAPHS if p.strip()] * 4
    expected = [tagger.entities(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(tagger.entities, texts)) == expected


# --- known names, patterns and conventions shared with People's Daily 1998 ----------------


@pytest.mark.parametrize(
    ("text", "label", "names"),
    [
        # a dateline's 电 does not start a name; bodies of state named alone or glued to a title
        ("新华社北京5月7日电国务院副总理李岚清今天会见了美国客人。", "organization", {"新华社", "国务院"}),
        ("外交部长唐家璇今天下午前往使馆吊唁。", "organization", {"外交部"}),
        ("面对美国国会某些人的指责，他说。", "organization", {"美国国会"}),
        ("全面贯彻落实党的二十大精神。", "organization", {"二十大"}),
        ("《人民日报》发表评论员文章。", "organization", {"人民日报"}),
        ("市委、市政府决定加快老城区改造。", "organization", {"市委"}),  # 市政府: a reference
        ("美国军队撤出了该地区。", "organization", set()),  # place + generic word: the place
        ("年度十大新闻评选揭晓。", "organization", set()),  # 十大: "top ten", not a congress
        ("他正在读《平凡的世界》。", "organization", set()),  # a book, not a periodical
        # places written as pieces, tables and titles
        ("华北、黄淮等地有小雨。", "location", {"华北", "黄", "淮"}),
        ("中、阿建交20年来，两国合作卓有成效。", "location", {"中", "阿"}),
        ("北京晴转多云19℃／32℃天津雷阵雨18℃／31℃卡拉奇晴30℃／44℃", "location", {"北京", "天津", "卡拉奇"}),
        ("许多美国人参观了展览。", "location", {"美国"}),
        ("这颗小行星将从地球附近掠过。", "location", {"地球"}),
        ("按照《平凉市文明行为促进条例》要求，开展专项整治。", "location", {"平凉市"}),
        ("明天多云，最高气温28℃。", "location", set()),  # no weather table
        # persons: doctrines, titles after a name, a surname and a title
        ("马克思主义是我们的指导思想。", "person", {"马克思"}),
        ("领导干部深入学习邓小平理论。", "person", {"邓小平"}),
        ("坚持马列主义。", "person", set()),
        ("唐外长说，双方将加强合作。", "person", set()),
    ],
)
def test_known_names_and_patterns(tagger, text, label, names):
    assert _names(tagger, text, label) == names


def test_names_inside_titles_index_the_body(tagger):
    text = "黄卫平新著《中国政治体制改革纵横谈》，已由中央编译出版社出版。"
    entities = tagger.entities(text)
    assert ("中国", "location") in {(e.text, e.label) for e in entities}
    for e in entities:
        assert text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    "text",
    ["《" * 2000, "《》" * 500, "℃" * 2000, "北京晴20℃" * 500, "十五大" * 1000, "中、" * 1000, "马克思主义" * 500],
)
def test_patterns_survive_repetitive_text(tagger, text):
    for e in tagger.entities(text):
        assert text[e.start : e.end] == e.text


# --- the LAC wrapper ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "limit"),
    [
        ("短句。", 120),
        ("这是一个很长的句子" * 40, 120),  # no punctuation: hard cuts
        ("第一句话说完了。" * 30, 50),  # cut after sentence ends
        ("一，二，三，四，五，六，七，八，九，十" * 10, 30),  # clause ends when no sentence end
        ("", 120),
    ],
)
def test_cut_covers_the_line_in_short_pieces(line, limit):
    spans = _cut(line, limit)
    assert "".join(line[s:e] for s, e in spans) == line
    assert all(e - s <= limit for s, e in spans)


def test_words_are_slices_without_whitespace():
    model = LacModel()
    text = "  今天，王小明在北京市  参加会议。\n\n明天 他去上海。 "
    tokens = model.tag(text)
    assert tokens, "the model tagged nothing"
    for t in tokens:
        assert text[t.start : t.end] == t.text
        assert t.text == t.text.strip() and "\n" not in t.text


def _dense_viterbi(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    score = emissions[0].copy()
    back = []
    for t in range(1, len(emissions)):
        total = score[:, None] + transitions
        back.append(total.argmax(axis=0))
        score = total.max(axis=0) + emissions[t]
    path = [int(score.argmax())]
    for bp in reversed(back):
        path.append(int(bp[path[-1]]))
    return path[::-1]


@pytest.mark.parametrize("seed", range(20))
def test_sparse_viterbi_equals_dense_viterbi(seed):
    rng = np.random.default_rng(seed)
    lengths = np.array([1, 7, 30, 30], dtype=np.int64)
    emissions = rng.normal(0, 1, (4, 30, 12)).astype(np.float32)
    transitions = rng.uniform(-0.2, 0.2, (12, 12)).astype(np.float32)
    paths = _decode(emissions, transitions, lengths)
    for row, n in enumerate(lengths):
        assert paths[row, :n].tolist() == _dense_viterbi(emissions[row, :n], transitions)


@pytest.mark.parametrize(
    ("name", "ends"),
    [
        ("四川省凉山彝族自治州西昌市公安局", [3, 10, 13]),
        ("贵州省贵阳市", [3, 6]),
        ("徐州市鼓楼区", [3, 6]),
        ("恩施州委宣传部", [3]),
        ("北京城市学院", []),
        ("武陵山区", []),
        ("团县委", []),
        ("", []),
    ],
)
def test_division_prefixes(name, ends):
    assert lexicon().division_prefixes(name) == ends
