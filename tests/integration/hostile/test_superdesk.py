"""Superdesk / ninjs pushes under attack: items ingest cannot take as an article, forged, missing
or misplaced signatures, and replays. A replayed, validly signed push is answered as a duplicate
(200, same id) and adds nothing; a signature replayed on a changed body is refused (403).
"""

from __future__ import annotations

import hmac
import json
import uuid

import pytest

from newsevents.ingest.signature import sign
from tests.support import eventually
from tests.support.observe import settled

J = {"content-type": "application/json"}


def item(guid=None, **fields) -> dict:
    """A Superdesk text item; a field given as ``...`` is left out."""
    base = {"guid": guid or f"urn:newsml:test:{uuid.uuid4().hex}", "type": "text", "version": "1",
            "headline": "甘州区举办全民健身运动会", "body_html": "<p>10月9日，甘州区举办全民健身运动会。</p>",
            "versioncreated": "2024-10-10T08:30:00+0000"}
    return {k: v for k, v in (base | fields).items() if v is not ...}


def js(value: dict) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


async def post(hostile, body: bytes, headers: dict):
    async with hostile.client({}) as client:  # Superdesk signs; it sends no push key
        return await client.post("/v1/ninjs", content=body, headers=headers)


async def refused(hostile, body: bytes, headers: dict, status: int, code: str, detail: str | None = None) -> None:
    before = await hostile.trace()
    response = await post(hostile, body, headers)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    if detail:
        assert detail in [d["path"] for d in error["details"]], error
    await hostile.assert_no_trace(before)


NOT_AN_ARTICLE = {
    "no uri nor guid": (item(guid=...), "body.uri"),
    "guid null": (item(guid=...) | {"guid": None}, "body.uri"),
    "guid blank": (item(guid=...) | {"guid": "  "}, "body.uri"),
    "guid a number": (item(guid=...) | {"guid": 12345}, "body.uri"),
    "uri an object": (item(guid=...) | {"uri": {"id": 1}}, "body.uri"),
    "a picture": (item(type="picture"), "body.type"),
    "no body": (item(body_html=...), "body.body_html"),
    "no date": (item(versioncreated=...), "body.versioncreated"),
    "not an object": ([item()], "body"),
}


@pytest.mark.parametrize(("value", "detail"), NOT_AN_ARTICLE.values(), ids=NOT_AN_ARTICLE.keys())
async def test_validly_signed_items_that_are_not_articles(hostile, value, detail):
    body = json.dumps(value, ensure_ascii=False).encode()
    await refused(hostile, body, hostile.signed(body), 422, "validation_error", detail)


def signatures(secret: str, body: bytes) -> dict[str, dict]:
    right = sign(secret, body)
    sha256 = hmac.new(secret.encode(), body, "sha256").hexdigest()
    return {
        "missing": {},
        "empty": {"x-superdesk-signature": ""},
        "another secret": {"x-superdesk-signature": sign("not-the-secret", body)},
        "of another body": {"x-superdesk-signature": sign(secret, body + b" ")},
        "sha256 of the body": {"x-superdesk-signature": f"sha256={sha256}"},
        "bare hex": {"x-superdesk-signature": right.removeprefix("sha1=")},
        "truncated": {"x-superdesk-signature": right[:-1]},
        "in another header": {"x-hub-signature": right},
        "a push key instead": {"x-api-key": "push-key-instead-of-a-signature"},
    }


@pytest.mark.parametrize("case", list(signatures("any", b"")))
async def test_wrong_or_missing_signatures(hostile, case):
    body = js(item())
    headers = J | signatures(hostile.superdesk_secret, body)[case]
    await refused(hostile, body, headers, 403, "bad_signature")


async def test_a_replayed_signed_push_is_a_duplicate_and_adds_nothing(hostile):
    guid = f"urn:newsml:replay:{uuid.uuid4().hex}"
    body = js(item(guid))
    first = await post(hostile, body, hostile.signed(body))
    assert first.status_code == 201, first.text
    document = first.json()["id"]

    async def stored():
        async with hostile.client() as client:
            found = (await client.get("/v1/articles", params={"document": document})).json()["items"]
        return found or None

    await eventually(stored, timeout=60, interval=0.2)
    await eventually(lambda: settled(hostile.nats_url), timeout=30, interval=0.2)
    before = await hostile.trace()

    replays = [await post(hostile, body, hostile.signed(body)) for _ in range(3)]
    reformatted = json.dumps(item(guid), ensure_ascii=True, indent=2).encode()  # same item, other bytes, own signature
    replays.append(await post(hostile, reformatted, hostile.signed(reformatted)))
    for replay in replays:
        assert (replay.status_code, replay.json()) == (200, first.json() | {"duplicate": True})
    await hostile.assert_no_trace(before)

    # the captured signature replayed on a changed body is refused
    changed = js(item(guid, headline="篡改的标题"))
    await refused(hostile, changed, J | {"x-superdesk-signature": hostile.signed(body)["x-superdesk-signature"]},
                  403, "bad_signature")
    appended = body[:-1] + b', "version": "2"}'
    await refused(hostile, appended, J | {"x-superdesk-signature": hostile.signed(body)["x-superdesk-signature"]},
                  403, "bad_signature")
