import base64
from datetime import date

import pytest

from newsevents.store.cursors import Cursor, CursorError, decode


def test_round_trip():
    cursor = Cursor("articles", date(2024, 10, 10), "abc-01")
    token = cursor.encode()
    assert "=" not in token and "/" not in token and "+" not in token
    assert decode(token, "articles") == cursor


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "token",
    [
        "",
        "x",
        "!!!!",
        "中文",
        _b64(b"not json"),
        _b64(b"[]"),
        _b64(b'["articles", "2024-13-01", "a"]'),
        _b64(b'["articles", "2024-10-10", ""]'),
        _b64(b'["articles", "2024-10-10", 5]'),
        _b64(b'{"kind": "articles"}'),
        Cursor("events", date(2024, 10, 10), "a").encode(),  # another list's cursor
    ],
)
def test_refuses_what_it_did_not_make(token):
    with pytest.raises(CursorError):
        decode(token, "articles")
