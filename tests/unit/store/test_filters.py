"""Reads: filter tables (filters → expected ids), records and stats over one stored corpus.

The corpus is written once per module and per database (SQLite; PostgreSQL in its own schema
when NEWSEVENTS_TEST_POSTGRES is set); the tests only read it.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.store.queries import ArticleQuery, EventQuery, Queries
from newsevents.store.regions import parse_region
from newsevents.store.repository import Repository
from tests.support.store_databases import postgres_schema, require_postgres, sqlite_copy
from tests.support.store_messages import corpus


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def stored(request, tmp_path_factory):
    prefix = "filters"
    articles = corpus(prefix)

    def fill(db):
        repo = Repository(db)
        for article in articles.values():
            assert repo.store(article).outcome == "stored"
        return Queries(db), articles

    if request.param == "sqlite":
        template = request.getfixturevalue("store_sqlite_template")
        db = sqlite_copy(template, tmp_path_factory.mktemp("filters") / "store.db")
        try:
            yield fill(db)
        finally:
            db.dispose()
    else:
        with postgres_schema(require_postgres()) as db:
            yield fill(db)


def _names(articles, found_ids):
    by_id = {a.article_id: name for name, a in articles.items()}
    return sorted(by_id[i] for i in found_ids)


ALL = ["dazhou", "enshi", "meta", "pingliang"]

ARTICLE_CASES = [
    ({}, ALL),
    ({"q": "志愿服务"}, ["enshi"]),
    ({"q": "学雷锋志愿服务月"}, ["enshi"]),  # long term (SQLite: FTS5 trigram phrase)
    ({"q": "公园"}, ["pingliang"]),  # two characters (SQLite: LIKE)
    ({"q": "城市更新"}, ["pingliang"]),  # in the headline only
    ({"q": "恩施 好人榜"}, ["enshi"]),  # terms are ANDed
    ({"q": "恩施 崆峒"}, []),
    ({"q": "达州市"}, ["dazhou"]),
    ({"q": "举行"}, ["dazhou", "enshi"]),
    ({"q": "篮球赛"}, ["dazhou"]),  # substring semantics, not word segmentation: 篮球赛 is in the headline
    ({"q": "篮球 比赛"}, ["dazhou"]),
    ({"q": "o'brien"}, ["meta"]),  # case-insensitive for ASCII
    ({"q": "%"}, ["meta"]),  # SQL metacharacters are plain characters
    ({"q": "100%"}, ["meta"]),
    ({"q": "_"}, ["meta"]),
    ({"q": "a_b"}, ["meta"]),
    ({"q": "axb"}, []),
    ({"q": "'"}, ["meta"]),
    ({"q": "\\"}, ["meta"]),
    ({"q": "C:\\data"}, ["meta"]),
    ({"q": '"'}, []),
    ({"q": '"恩施'}, []),
    ({"q": "%%%"}, []),
    ({"q": "' OR 1=1 --"}, []),
    ({"region": "420000"}, ["enshi"]),
    ({"region": "42"}, ["enshi"]),
    ({"region": "422800"}, ["enshi"]),
    ({"region": "422801"}, ["enshi"]),
    ({"region": "422802"}, []),
    ({"region": "620000"}, ["pingliang"]),
    ({"region": "620800"}, ["pingliang"]),
    ({"region": "620802"}, ["pingliang"]),
    ({"region": "510000"}, ["dazhou"]),
    ({"region": "511700"}, ["dazhou"]),
    ({"region": "511702"}, []),  # the article is filed at city level only
    ({"region": "110000"}, []),
    ({"source": "达州日报"}, ["dazhou"]),
    ({"source": "测试%源"}, ["meta"]),
    ({"source": "%"}, []),
    ({"source": "达州"}, []),  # equality, not substring
    ({"published_from": date(2024, 5, 6)}, ["dazhou", "enshi", "pingliang"]),
    ({"published_to": date(2024, 5, 6)}, ["meta", "pingliang"]),
    ({"published_from": date(2024, 5, 7), "published_to": date(2024, 5, 16)}, ["enshi"]),
    ({"q": "举行", "region": "510000", "published_from": date(2024, 10, 1)}, ["dazhou"]),
]


@pytest.mark.parametrize(("filters", "expected"), ARTICLE_CASES, ids=[str(c[0]) for c in ARTICLE_CASES])
def test_article_filters(stored, filters, expected):
    queries, articles = stored
    if "region" in filters:
        filters = {**filters, "region": parse_region(filters["region"])}
    page = queries.articles(ArticleQuery(**filters), limit=50)
    assert _names(articles, [a.id for a in page.items]) == expected
    assert page.next_cursor is None


def test_article_filter_by_document(stored):
    queries, articles = stored
    doc = articles["pingliang"].document_id
    assert [a.id for a in queries.articles(ArticleQuery(document=doc), limit=50).items] == [articles["pingliang"].article_id]
    assert queries.articles(ArticleQuery(document=doc + "%"), limit=50).items == []


EVENT_CASES = [
    ({}, ["enshi:activity", "enshi:good_deed", "enshi:honor", "enshi:policy", "enshi:meeting",
          "pingliang:construction", "pingliang:inspection", "dazhou:competition"]),
    ({"type": "honor"}, ["enshi:honor"]),
    ({"type": "hon%"}, []),
    # region: the event's location, else its article's region
    ({"region": "420000"}, ["enshi:activity", "enshi:good_deed", "enshi:honor", "enshi:policy", "enshi:meeting"]),
    ({"region": "422800"}, ["enshi:activity", "enshi:good_deed", "enshi:honor", "enshi:policy"]),
    ({"region": "420100"}, ["enshi:meeting"]),  # held in Wuhan, reported from Enshi
    ({"region": "620800"}, ["pingliang:construction", "pingliang:inspection"]),
    ({"region": "511700"}, ["dazhou:competition"]),
    # time overlap with [from, to]; events without a time sit on their publication date
    ({"date_from": date(2024, 3, 5), "date_to": date(2024, 3, 5)}, ["enshi:activity", "enshi:policy", "pingliang:construction"]),
    ({"date_from": date(2024, 3, 6), "date_to": date(2024, 3, 31)}, ["enshi:policy", "pingliang:construction"]),
    ({"date_from": date(2024, 5, 16), "date_to": date(2024, 5, 16)}, ["enshi:good_deed"]),
    ({"date_from": date(2024, 5, 7)}, ["enshi:good_deed", "enshi:meeting", "dazhou:competition"]),
    ({"date_to": date(2024, 1, 1)}, ["pingliang:construction"]),
    ({"date_from": date(2024, 10, 10)}, ["dazhou:competition"]),
    ({"date_from": date(2024, 10, 11)}, []),
    # person: a participant, or a person entity inside the event's sentence (exact name)
    ({"person": "向春兰"}, ["enshi:good_deed", "enshi:honor"]),
    ({"person": "向春"}, []),
    ({"person": "郭世财"}, []),  # named in the article, but not in the event's sentence
    ({"organization": "恩施州文明委"}, ["enshi:policy"]),
    ({"organization": "区住建局"}, ["pingliang:inspection"]),
    ({"organization": "市委市直机关工委"}, ["dazhou:competition"]),
    ({"organization": "%"}, []),
    ({"q": "好人榜"}, ["enshi:honor"]),
    ({"q": "达州市 23支"}, ["dazhou:competition"]),
    ({"q": "《"}, ["enshi:policy"]),
    ({"q": "_"}, []),
    ({"source": "平凉日报"}, ["pingliang:construction", "pingliang:inspection"]),
    ({"type": "competition", "region": "510000", "person": "郭世财"}, []),
]


def _event_names(articles, events):
    by_id = {a.article_id: name for name, a in articles.items()}
    return sorted(f"{by_id[e.article_id]}:{e.type}" for e in events)


@pytest.mark.parametrize(("filters", "expected"), EVENT_CASES, ids=[str(c[0]) for c in EVENT_CASES])
def test_event_filters(stored, filters, expected):
    queries, articles = stored
    if "region" in filters:
        filters = {**filters, "region": parse_region(filters["region"])}
    page = queries.events(EventQuery(**filters), limit=50)
    assert _event_names(articles, page.items) == sorted(expected)


def test_event_filter_by_article(stored):
    queries, articles = stored
    found = queries.events(EventQuery(article=articles["pingliang"].article_id), limit=50).items
    assert _event_names(articles, found) == ["pingliang:construction", "pingliang:inspection"]


def test_event_record_carries_its_article(stored):
    queries, articles = stored
    honor = queries.events(EventQuery(type="honor"), limit=5).items[0]
    enshi = articles["enshi"]
    assert honor.article_id == enshi.article_id and honor.document_id == enshi.document_id
    assert honor.headline == "文明新风拂硒都" and honor.source == "恩施日报"
    assert honor.region.adcode == "422801" and honor.extractor_version == "rules-1"
    assert honor.participants[0].name == "向春兰" and honor.time.start == date(2024, 4, 1)
    assert enshi.body[honor.trigger.start : honor.trigger.end] == "入选"
    assert queries.event(honor.id) == honor
    assert queries.event("nope") is None


def test_article_detail_has_everything_with_offsets(stored):
    queries, articles = stored
    enshi = articles["enshi"]
    detail = queries.article(enshi.article_id)
    assert detail.body == enshi.body and detail.event_count == 5
    assert [e.type for e in detail.events] == ["activity", "good_deed", "honor", "policy", "meeting"]
    for item in [*detail.entities, *detail.metrics, *detail.quotes]:
        assert detail.body[item.start : item.end] == item.text
    assert [(m.value, type(m.value)) for m in detail.metrics] == [(426000, int), (12, int)]
    assert detail.quotes[0].role == "留守儿童的奶奶"
    assert detail.region.city == "恩施土家族苗族自治州"
    assert queries.article("nope") is None


def test_stats_by_level(stored):
    queries, _ = stored
    province = queries.event_stats(EventQuery(), "province")
    rows = {(r.type, r.region, r.month): r.count for r in province.items}
    assert rows == {
        ("activity", "420000", "2024-03"): 1,
        ("good_deed", "420000", "2024-05"): 1,
        ("honor", "420000", "2024-04"): 1,
        ("policy", "420000", "2024-03"): 1,
        ("meeting", "420000", "2024-05"): 1,
        ("construction", "620000", "2024-01"): 1,
        ("inspection", "620000", "2024-04"): 1,
        ("competition", "510000", "2024-10"): 1,
    }
    city = {(r.type, r.region) for r in queries.event_stats(EventQuery(region=parse_region("420000")), "city").items}
    assert city == {("activity", "422800"), ("good_deed", "422800"), ("honor", "422800"), ("policy", "422800"), ("meeting", "420100")}
    county = {(r.type, r.region) for r in queries.event_stats(EventQuery(type="competition"), "county").items}
    assert county == {("competition", "000000")}  # located at city level: no county


def test_event_paging(stored):
    queries, articles = stored
    seen, cursor = [], None
    while True:
        page = queries.events(EventQuery(), limit=3, cursor=cursor)
        seen.extend(e.id for e in page.items)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    everything = queries.events(EventQuery(), limit=500).items
    assert seen == [e.id for e in everything] and len(seen) == 8
    spans = [(e.time.start if e.time else e.published) for e in everything]
    assert spans == sorted(spans, reverse=True)
