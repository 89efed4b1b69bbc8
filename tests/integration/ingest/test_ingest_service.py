"""ingest against a real nats-server: acks, duplicates (also outside the window), refusals, outages."""

from __future__ import annotations

import asyncio
import json

import httpx
import nats
import pytest
from pydantic import SecretStr

from newsevents.contract import subjects
from newsevents.contract.messages import DocumentSubmitted
from newsevents.ingest.app import create_app
from newsevents.ingest.config import Settings
from newsevents.ingest.signature import sign

ARTICLE = {"source": "人民日报", "published": "2024-10-10", "headline": "青海西宁市湟中区推动全会精神落地落实",
           "body": "连日来，青海省西宁市湟中区各级各部门开展宣讲活动。"}


class Running:
    def __init__(self, app):
        self.app = app

    async def __aenter__(self) -> httpx.AsyncClient:
        self._lifespan = self.app.router.lifespan_context(self.app)
        await self._lifespan.__aenter__()
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app), base_url="http://ingest")
        return self.client

    async def __aexit__(self, *exc):
        await self.client.aclose()
        await self._lifespan.__aexit__(*exc)


async def stored(url: str) -> list[DocumentSubmitted]:
    nc = await nats.connect(url)
    try:
        js = nc.jetstream()
        info = await js.stream_info(subjects.INGEST_STREAM)
        out = []
        for seq in range(info.state.first_seq, info.state.last_seq + 1) if info.state.messages else []:
            msg = await js.get_msg(subjects.INGEST_STREAM, seq)
            out.append(DocumentSubmitted.model_validate_json(msg.data))
        return out
    finally:
        await nc.close()


async def test_accepted_only_after_jetstream_has_it_with_cloudevents_headers(nats_url, unique):
    async with Running(create_app(Settings(nats_url=nats_url))) as client:
        response = await client.post("/v1/articles", json=ARTICLE | {"external_id": unique},
                                     headers={"x-request-id": f"req-{unique}"})
    assert response.status_code == 201
    body = response.json()
    assert body["duplicate"] is False and body["kind"] == "article"
    nc = await nats.connect(nats_url)
    msg = await nc.jetstream().get_msg(subjects.INGEST_STREAM, subject=subjects.submitted(body["id"]))
    await nc.close()
    assert msg.headers["ce-specversion"] == "1.0"
    assert msg.headers["Nats-Msg-Id"] == msg.headers["ce-id"]
    assert msg.headers["ce-requestid"] == f"req-{unique}"
    assert DocumentSubmitted.model_validate_json(msg.data).document_id == body["id"]


async def test_repeat_far_outside_the_duplicate_window_is_still_a_duplicate(nats_url, unique):
    settings = Settings(nats_url=nats_url, duplicate_window_seconds=0.2)  # "an hour later", compressed
    item = ARTICLE | {"external_id": unique, "version": 1}
    async with Running(create_app(settings)) as client:
        first = await client.post("/v1/articles", json=item)
        await asyncio.sleep(0.6)
        again = await client.post("/v1/articles", json=item)
        content_only = await client.post("/v1/articles", json=ARTICLE)
        content_again = await client.post("/v1/articles", json=ARTICLE | {"body": ARTICLE["body"] + "\n"})
        new_version = await client.post("/v1/articles", json=item | {"version": 2})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json() | {"duplicate": True}
    assert (content_only.status_code, content_again.status_code) == (201, 200)
    assert content_again.json()["id"] == content_only.json()["id"]
    assert new_version.status_code == 201 and new_version.json()["id"] != first.json()["id"]
    assert len(await stored(nats_url)) == 3


async def test_pages_batches_and_ninjs(nats_url, unique):
    secret = "sd-" + unique
    settings = Settings(nats_url=nats_url, superdesk_secret=SecretStr(secret))
    page = {"kind": "page", "source": "人民日报", "external_id": f"page-{unique}", "published": "2024-10-10",
            "text": "四川达州市举行合唱比赛决赛\n\n本报讯（胡杨）近日，四川省达州市举行合唱比赛决赛。"}
    lines = [json.dumps(ARTICLE | {"external_id": f"{unique}-{i}"}, ensure_ascii=False) for i in range(3)]
    lines.insert(1, '{"source": "x"}')
    ninjs_body = json.dumps({"guid": f"urn:{unique}", "headline": "标题", "body_html": "<p>甲。</p><p>乙。</p>",
                             "versioncreated": "2024-10-10T08:30:00+0000"}, ensure_ascii=False).encode()
    async with Running(create_app(settings)) as client:
        p = await client.post("/v1/articles", json=page)
        b = await client.post("/v1/articles/batch", content="\n".join(lines).encode(),
                              headers={"content-type": "application/x-ndjson"})
        good = await client.post("/v1/ninjs", content=ninjs_body,
                                 headers={"content-type": "application/json", "x-superdesk-signature": sign(secret, ninjs_body)})
        forged = await client.post("/v1/ninjs", content=ninjs_body.replace("甲".encode(), "丙".encode()),
                                   headers={"content-type": "application/json", "x-superdesk-signature": sign(secret, ninjs_body)})
        unsigned = await client.post("/v1/ninjs", content=ninjs_body, headers={"content-type": "application/json"})
    assert p.status_code == 201 and p.json()["kind"] == "page"
    assert b.status_code == 200
    result = b.json()
    assert (result["accepted"], result["rejected"]) == (3, 1)
    assert [line["status"] for line in result["lines"]] == [201, 422, 201, 201]
    assert result["lines"][1]["error"]["details"][0]["path"].startswith("line 2.")
    assert good.status_code == 201
    assert forged.status_code == 403 and forged.json()["error"]["code"] == "bad_signature"
    assert unsigned.status_code == 403
    docs = await stored(nats_url)
    assert sorted(d.kind for d in docs) == ["article"] * 4 + ["page"]
    assert any(d.text == "甲。\n\n乙。" for d in docs)


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        (b"{}", {"content-type": "text/plain"}, 415, "unsupported_media_type"),
        (b"\xff\xfe{}", {"content-type": "application/json"}, 400, "invalid_encoding"),
        (b"{not json", {"content-type": "application/json"}, 400, "invalid_json"),
        (b"[" * 100 + b"]" * 100, {"content-type": "application/json"}, 400, "invalid_json"),
        (json.dumps({"source": "s", "published": "2024-10-10", "body": "x" * 3000}).encode(),
         {"content-type": "application/json"}, 413, "payload_too_large"),
        (json.dumps({"source": "s", "published": "2024-10-10"}).encode(), {"content-type": "application/json"}, 422,
         "validation_error"),
    ],
)
async def test_refusals_are_precise_and_leave_no_trace(nats_url, content, headers, status, code):
    async with Running(create_app(Settings(nats_url=nats_url, max_body_bytes=2000))) as client:
        response = await client.post("/v1/articles", content=content, headers=headers)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert await stored(nats_url) == []


async def test_api_keys(nats_url, unique):
    settings = Settings(nats_url=nats_url, api_keys=SecretStr(f"人民日报=key-{unique}"))
    async with Running(create_app(settings)) as client:
        missing = await client.post("/v1/articles", json=ARTICLE)
        wrong = await client.post("/v1/articles", json=ARTICLE, headers={"x-api-key": "nope-nope"})
        other_source = await client.post("/v1/articles", json=ARTICLE | {"source": "新华社"},
                                         headers={"x-api-key": f"key-{unique}"})
        ok = await client.post("/v1/articles", json=ARTICLE, headers={"authorization": f"Bearer key-{unique}"})
    assert (missing.status_code, wrong.status_code, other_source.status_code, ok.status_code) == (401, 403, 403, 201)


async def test_nats_unreachable_is_503_with_retry_after_and_nothing_half_written(nats_server, unique):
    app = create_app(Settings(nats_url=nats_server.url, publish_timeout=1.0))
    async with Running(app) as client:
        nats_server.stop()
        down = await client.post("/v1/articles", json=ARTICLE | {"external_id": unique})
        not_ready = await client.get("/readyz")
        nats_server.start()
        async def accepted():
            r = await client.post("/v1/articles", json=ARTICLE | {"external_id": unique})
            return r if r.status_code == 201 else None
        from tests.support import eventually
        after = await eventually(accepted, timeout=20, interval=0.3)
    assert down.status_code == 503 and int(down.headers["retry-after"]) >= 1
    assert down.json()["error"]["code"] == "unavailable"
    assert not_ready.status_code == 503
    assert after.json()["duplicate"] is False
    assert [d.external_id for d in await stored(nats_server.url)] == [unique]
