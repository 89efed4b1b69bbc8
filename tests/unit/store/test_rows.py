from datetime import date

from newsevents.contract import ids
from newsevents.store.rows import article_rows, span
from tests.support.store_messages import T0, corpus, later


def test_article_rows_derive_regions_spans_and_ids():
    enshi = corpus("rows")["enshi"]
    rows = article_rows(enshi, T0)
    assert rows.article["province_code"] == "420000"
    assert rows.article["city_code"] == "422800"
    assert rows.article["county_code"] == "422801"
    assert rows.article["event_count"] == len(enshi.events) == len(rows.events)
    by_type = {e["type"]: e for e in rows.events}
    meeting = by_type["meeting"]
    assert (meeting["region_adcode"], meeting["city_code"], meeting["county_code"]) == ("420100", "420100", None)
    good_deed = by_type["good_deed"]  # no location: the article's region; no time: the publication date
    assert good_deed["region_adcode"] == "422801"
    assert (good_deed["span_start"], good_deed["span_end"], good_deed["month"]) == (
        enshi.published, enshi.published, "2024-05",
    )
    assert by_type["honor"]["month"] == "2024-04"
    expected_id = ids.event_id(enshi.article_id, "honor", enshi.events[2].trigger.start)
    assert by_type["honor"]["id"] == expected_id
    assert [p["name"] for p in rows.participants if p["event_id"] == expected_id] == ["向春兰"]
    assert [m["value"] for m in rows.metrics] == [426000.0, 12.0]


def test_repeated_events_are_kept_once():
    enshi = corpus("rows")["enshi"]
    twice = later(enshi, events=[e.model_dump() for e in enshi.events] * 2)
    rows = article_rows(twice, T0)
    assert len(rows.events) == len(enshi.events)
    assert len({e["id"] for e in rows.events}) == len(rows.events)


def test_span_takes_open_ends_and_publication_date():
    enshi = corpus("rows")["enshi"]
    published = date(2024, 5, 16)
    event = enshi.events[0].model_copy()
    event.time = None
    assert span(event, published) == (published, published)
    event.time = enshi.events[0].time.model_copy(update={"end": None})
    assert span(event, published) == (date(2024, 3, 5), date(2024, 3, 5))
    event.time = enshi.events[0].time.model_copy(update={"start": date(2024, 6, 1), "end": date(2024, 5, 1)})
    assert span(event, published) == (date(2024, 5, 1), date(2024, 6, 1))
