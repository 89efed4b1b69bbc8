"""extract against a real nats-server: outputs on their subjects, ack after outputs, poison → DLQ."""

from __future__ import annotations

from datetime import UTC, date, datetime

import nats
import pytest

from newsevents.contract import cloudevents, ids, subjects
from newsevents.contract.analysis import ArticleAnalysis, Event, Location, Region, Span, TimeSpan
from newsevents.contract.messages import ArticleExtracted, DeadLetter, DocumentSubmitted, EventExtracted
from newsevents.extract.app import create_app
from newsevents.extract.config import Settings
from newsevents.extract.engine import ExtractionError
from newsevents.runtime.streams import ensure_streams
from tests.support import eventually

BODY = "近日，四川省达州市举行合唱比赛决赛。平凉市1人入选“中国好人榜”。"


class FakeExtractor:
    """Two articles for a page, one for an article; "毒" in the text is unextractable."""

    version = "fake-1"

    def extract(self, text, *, published, kind, headline=None, byline=None):
        if "毒" in text:
            raise ExtractionError("cannot extract this")
        one = ArticleAnalysis(
            headline=headline, body=BODY, region=Region(adcode="511700", province="四川省", city="达州市"),
            events=[
                Event(type="competition", trigger=Span(text="举行", start=9, end=11), sentence=BODY[:18],
                      time=TimeSpan(text="近日", start=date(2024, 10, 3), end=date(2024, 10, 10), fuzzy=True)),
                Event(type="honor", trigger=Span(text="入选", start=24, end=26), sentence=BODY[18:],
                      location=Location(text="平凉市", adcode="620800")),
            ],
        )
        return [one, one.model_copy(update={"headline": "二"})] if kind == "page" else [one]


def submitted(kind: str, text: str = "正文") -> tuple[str, bytes, dict]:
    doc_id = ids.document_id(source="t", kind=kind, external_id=None, version=None, published="2024-10-10",
                             headline=None, text=text)
    doc = DocumentSubmitted(document_id=doc_id, kind=kind, source="t", published=date(2024, 10, 10), text=text,
                            received_at=datetime.now(UTC))
    ce = cloudevents.CloudEvent(id=ids.message_id("document", doc_id), type=cloudevents.DOCUMENT_SUBMITTED,
                                source="/test", subject=doc_id, time=doc.received_at, requestid="req-42")
    return subjects.submitted(doc_id), doc.model_dump_json().encode(), ce.headers()


class Lifespan:
    def __init__(self, app):
        self.cm = app.router.lifespan_context(app)

    async def __aenter__(self):
        return await self.cm.__aenter__()

    async def __aexit__(self, *exc):
        return await self.cm.__aexit__(*exc)


@pytest.fixture
async def js(nats_url):
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await ensure_streams(js, Settings(nats_url=nats_url))
    yield js
    await nc.close()


async def messages(js, stream: str) -> list:
    info = await js.stream_info(stream)
    return [await js.get_msg(stream, s) for s in range(info.state.first_seq, info.state.last_seq + 1)] if info.state.messages else []


async def test_a_page_becomes_articles_and_events_on_filterable_subjects(nats_url, js):
    subject, payload, headers = submitted("page")
    await js.publish(subject, payload, headers=headers)
    async with Lifespan(create_app(Settings(nats_url=nats_url), extractor=FakeExtractor())):
        arts = await eventually(lambda: _n(js, subjects.ARTICLES_STREAM, 2), timeout=15)
        evs = await eventually(lambda: _n(js, subjects.EVENTS_STREAM, 4), timeout=15)
        info = await eventually(lambda: _acked(js), timeout=15)
    doc_id = subject.rsplit(".", 1)[1]
    articles = [ArticleExtracted.model_validate_json(m.data) for m in arts]
    assert [a.article_id for a in articles] == [f"{doc_id}-01", f"{doc_id}-02"]
    assert {a.extractor_version for a in articles} == {"fake-1"} and {a.count for a in articles} == {2}
    assert arts[0].subject == f"articles.510000.511700.{doc_id}-01"
    assert sorted(m.subject for m in evs) == sorted(["events.competition.510000.511700", "events.honor.620000.620800"] * 2)
    events = [EventExtracted.model_validate_json(m.data) for m in evs]
    assert all(e.id and e.article_id.startswith(doc_id) and e.extractor_version == "fake-1" for e in events)
    assert {m.headers["ce-requestid"] for m in arts + evs} == {"req-42"}
    assert all(m.headers["Nats-Msg-Id"] == m.headers["ce-id"] for m in arts + evs)
    assert info.num_ack_pending == 0 and info.num_pending == 0


async def test_poison_is_dead_lettered_and_the_rest_keeps_flowing(nats_url, js):
    bad_subject, bad, bad_headers = submitted("article", "毒")
    await js.publish(bad_subject, bad, headers=bad_headers)
    await js.publish("ingest.documents.notjson", b"{not json", headers={"ce-id": "x"})
    good_subject, good, good_headers = submitted("article", "好")
    await js.publish(good_subject, good, headers=good_headers)
    async with Lifespan(create_app(Settings(nats_url=nats_url), extractor=FakeExtractor())):
        dead = await eventually(lambda: _n(js, subjects.DLQ_STREAM, 2), timeout=15)
        await eventually(lambda: _n(js, subjects.ARTICLES_STREAM, 1), timeout=15)
        await eventually(lambda: _acked(js), timeout=15)
    letters = [DeadLetter.model_validate_json(m.data) for m in dead]
    assert {letter.subject for letter in letters} == {bad_subject, "ingest.documents.notjson"}
    assert all(letter.consumer == "extract" and letter.error for letter in letters)
    by_subject = {letter.subject: letter for letter in letters}
    assert "cannot extract this" in by_subject[bad_subject].error
    assert by_subject[bad_subject].headers["ce-requestid"] == "req-42"


async def _n(js, stream, n):
    got = await messages(js, stream)
    return got if len(got) >= n else None


async def _acked(js):
    info = await js.consumer_info(subjects.INGEST_STREAM, subjects.EXTRACT_CONSUMER)
    return info if info.num_ack_pending == 0 and info.num_pending == 0 else None
