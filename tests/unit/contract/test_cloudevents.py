from datetime import UTC, datetime

import pytest

from newsevents.contract.cloudevents import DOCUMENT_SUBMITTED, CloudEvent, decode, encode


def event(**kw) -> CloudEvent:
    base = dict(id="abc123", type=DOCUMENT_SUBMITTED, source="/newsevents/ingest",
                time=datetime(2024, 10, 10, 8, 0, tzinfo=UTC))
    return CloudEvent(**(base | kw))


def test_binary_mode_headers_carry_every_required_attribute_and_msg_id():
    h = event(subject="d1", requestid="r-1").headers()
    assert h["ce-specversion"] == "1.0"
    assert h["ce-id"] == h["Nats-Msg-Id"] == "abc123"
    assert h["ce-type"] == DOCUMENT_SUBMITTED
    assert h["ce-source"] == "/newsevents/ingest"
    assert h["ce-time"] == "2024-10-10T08:00:00Z"
    assert h["ce-subject"] == "d1"
    assert h["ce-requestid"] == "r-1"


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("plain", "plain"),
        ("人民日报", "%E4%BA%BA%E6%B0%91%E6%97%A5%E6%8A%A5"),
        ("100%", "100%25"),
        ('say "hi"', "say %22hi%22"),
        ("a\nb", "a%0Ab"),
    ],
)
def test_non_ascii_and_unsafe_characters_are_percent_encoded(value, encoded):
    assert encode(value) == encoded
    assert decode(encoded) == value


def test_headers_are_ascii_and_round_trip():
    original = event(subject="甘肃 平凉%", requestid="req-九")
    headers = original.headers()
    assert all(v.isascii() for v in headers.values())
    assert CloudEvent.from_headers(headers) == original


def test_missing_required_headers_are_named():
    with pytest.raises(ValueError, match="ce-type"):
        CloudEvent.from_headers({"ce-id": "x", "ce-source": "s", "ce-time": "2024-01-01T00:00:00Z", "ce-specversion": "1.0"})
