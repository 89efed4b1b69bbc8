"""/v1/stream against an in-memory feed: frames, resumption, filters, heartbeats, the cap, cleanup."""

from __future__ import annotations

import json

import httpx
import pytest

from newsevents.api.app import create_app
from newsevents.api.config import Settings
from newsevents.api.sse import event_frame
from tests.support import eventually
from tests.support.event_messages import event_message, subject_of
from tests.unit.api.harness import StreamCall, events, running


def publish(feed, **fields) -> tuple[int, str]:
    message = event_message(**fields)
    return feed.publish(subject_of(message), message.model_dump_json().encode()), message.id


async def test_new_events_arrive_as_sse_frames_with_the_stream_sequence_as_id(app, api, feed):
    publish(feed)  # before the client connects: not sent
    call = await StreamCall(app, "/v1/stream").start()
    assert call.status == 200
    assert call.headers["content-type"].startswith("text/event-stream")
    assert call.headers["cache-control"] == "no-cache"
    seq, event_id = publish(feed, type="honor")
    body = await call.read_until(event_id.encode())
    assert body.startswith(b"retry: 3000\n\n")
    (frame,) = events(body)
    assert frame["event"] == "event" and frame["id"] == str(seq) == "2"
    data = json.loads(frame["data"])
    assert data["id"] == event_id and data["type"] == "honor" and data["sentence"].startswith("10月9日")
    await call.hang_up()


@pytest.mark.parametrize(
    ("headers", "params", "expected"),
    [
        ({"Last-Event-ID": "2"}, {}, [3, 4, 5]),
        ({}, {"last_event_id": "3"}, [4, 5]),
        ({"Last-Event-ID": "4"}, {"last_event_id": "1"}, [5]),  # the header (a reconnecting EventSource) wins
        ({"Last-Event-ID": "0"}, {}, [1, 2, 3, 4, 5]),
    ],
)
async def test_resuming_gives_exactly_the_events_after_the_last_id(app, api, feed, headers, params, expected):
    for _ in range(5):
        publish(feed)
    call = await StreamCall(app, "/v1/stream", params, headers).start()
    last = await call.read_until(b"id: 5\n")
    assert [int(f["id"]) for f in events(last)] == expected
    await call.hang_up()


async def test_an_id_beyond_the_stream_starts_with_new_events(app, api, feed):
    publish(feed)
    call = await StreamCall(app, "/v1/stream", headers={"Last-Event-ID": "999"}).start()
    publish(feed)
    body = await call.read_until(b"id: 2\n")
    assert [f["id"] for f in events(body)] == ["2"]
    await call.hang_up()


FILTER_CASES = [
    ({"type": "honor"}, {"honor-gz", "honor-sh"}),
    ({"region": "620000"}, {"competition-gz", "honor-gz", "no-location-zy"}),
    ({"region": "62"}, {"competition-gz", "honor-gz", "no-location-zy"}),
    ({"region": "620700"}, {"competition-gz", "honor-gz", "no-location-zy"}),
    ({"region": "620702"}, {"competition-gz", "honor-gz"}),
    ({"region": "6207"}, {"competition-gz", "honor-gz", "no-location-zy"}),
    ({"region": "310000"}, {"honor-sh"}),
    ({"type": "honor", "region": "620000"}, {"honor-gz"}),
    ({"person": "李明"}, {"honor-gz"}),
    ({"organization": "甘州区"}, {"competition-gz", "honor-gz", "no-location-zy"}),
    ({"q": "运动会 群众"}, {"competition-gz", "no-location-zy"}),
    ({"q": "运动会 表彰"}, set()),
    ({"source": "解放日报"}, {"honor-sh"}),
    ({"source": "解放"}, set()),
]


@pytest.mark.parametrize(("params", "expected"), FILTER_CASES)
async def test_filters(app, api, feed, params, expected):
    names = {}
    for name, fields in {
        "competition-gz": {},
        "honor-gz": {"type": "honor", "sentence": "甘州区表彰李明等10名优秀教师。", "trigger": "表彰", "participants": ("李明",)},
        "no-location-zy": {"adcode": None, "region": "620700"},
        "honor-sh": {"type": "honor", "adcode": "310104", "region": "310000", "source": "解放日报",
                     "sentence": "徐汇区表彰一批志愿者。", "trigger": "表彰", "participants": ()},
    }.items():
        names[publish(feed, **fields)[0]] = name
    end, _ = publish(feed, type="policy", sentence="一项与所有过滤都无关的政策。", trigger="政策", adcode="110101",
                     region="110000", source="北京日报", participants=())
    call = await StreamCall(app, "/v1/stream", {**params, "last_event_id": 0}).start()
    await eventually(lambda: feed.open[0].idle_after(end), timeout=5)
    await call.hang_up()
    assert {names[int(f["id"])] for f in events(call.body)} == expected


async def test_idle_stream_sends_heartbeat_comments(store, ingest, feed):
    app = create_app(Settings(heartbeat_seconds=0.05), store_transport=httpx.ASGITransport(app=store.app),
                     ingest_transport=httpx.ASGITransport(app=ingest.app), feed=feed)
    async with running(app):
        call = await StreamCall(app, "/v1/stream", {"type": "honor"}).start()
        publish(feed, type="meeting")  # filtered out: no write, so heartbeats keep coming
        body = await call.read_until(b": heartbeat\n\n: heartbeat\n\n")
        assert events(body) == []
        await call.hang_up()


async def test_streams_are_capped_and_hanging_up_frees_the_slot_and_the_consumer(app, api, feed):
    calls = [await StreamCall(app, "/v1/stream").start() for _ in range(3)]
    assert [c.status for c in calls] == [200, 200, 200]
    assert len(feed.open) == 3
    refused = await StreamCall(app, "/v1/stream").start()
    await refused.read_to_end()
    assert refused.status == 503
    assert refused.headers["retry-after"] == "4"
    assert json.loads(refused.body)["error"]["message"] == "too many open streams; retry later"
    assert len(feed.open) == 3
    metrics = (await api.get("/metrics")).text
    assert "newsevents_api_streams_active 3.0" in metrics
    assert 'newsevents_api_streams_refused_total{reason="cap"} 1.0' in metrics

    await calls[0].hang_up()
    assert len(feed.open) == 2
    again = await StreamCall(app, "/v1/stream").start()
    assert again.status == 200
    for call in (*calls[1:], again):
        await call.hang_up()
    assert feed.open == []
    assert "newsevents_api_streams_active 0.0" in (await api.get("/metrics")).text


async def test_hanging_up_while_waiting_for_events_closes_the_subscription(app, api, feed):
    call = await StreamCall(app, "/v1/stream").start()
    await call.read_until(b"retry:")
    await call.hang_up()
    assert feed.open == [] and len(feed.opened) == 1


async def test_when_the_feed_ends_the_response_ends_and_the_client_may_resume(app, api, feed):
    call = await StreamCall(app, "/v1/stream").start()
    seq, _ = publish(feed)
    await call.read_until(f"id: {seq}\n".encode())
    feed.end()
    await call.read_to_end()
    await call.task
    assert feed.open == []


async def test_messages_that_are_not_events_are_skipped(app, api, feed):
    call = await StreamCall(app, "/v1/stream").start()
    feed.publish("events.honor.620000.620700", b"not json")
    feed.publish("events.honor.620000.620700", b'{"id": "no other fields"}')
    seq, event_id = publish(feed)
    body = await call.read_until(event_id.encode())
    assert [f["id"] for f in events(body)] == [str(seq)]
    await call.hang_up()


async def test_without_nats_the_stream_is_503_and_frees_its_slot(app, api, feed):
    feed.connected = False
    for _ in range(5):  # more than the cap: each refusal gave its slot back
        response = await api.get("/v1/stream")
        assert response.status_code == 503
        assert response.headers["retry-after"]
    metrics = (await api.get("/metrics")).text
    assert 'newsevents_api_streams_refused_total{reason="unavailable"} 5.0' in metrics
    assert "newsevents_api_streams_active 0.0" in metrics


@pytest.mark.parametrize(
    ("params", "headers", "field"),
    [
        ({"region": "甘肃"}, {}, "query.region"),
        ({"type": "events.>"}, {}, "query.type"),
        ({"last_event_id": "-1"}, {}, "query.last_event_id"),
        ({}, {"Last-Event-ID": "abc"}, "header.Last-Event-ID"),
        ({"from": "2024-10-01"}, {}, "query.from"),  # time filters make no sense on a live stream
    ],
)
async def test_bad_stream_parameters_are_422(api, feed, params, headers, field):
    response = await api.get("/v1/stream", params=params, headers=headers)
    assert response.status_code == 422
    assert field in [d["path"] for d in response.json()["error"]["details"]]
    assert feed.opened == []


def test_a_payload_with_newlines_stays_one_data_line():
    frame = event_frame(7, b'{\n  "a": "x",\r\n  "b": 1\n}')
    assert frame == b'event: event\nid: 7\ndata: {   "a": "x",    "b": 1 }\n\n'
    assert json.loads(events(frame)[0]["data"]) == {"a": "x", "b": 1}
