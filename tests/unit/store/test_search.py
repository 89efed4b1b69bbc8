import pytest

from newsevents.store.search import like_pattern, terms


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        (None, []),
        ("", []),
        ("   ", []),
        ("志愿服务", ["志愿服务"]),
        ("恩施  好人榜", ["恩施", "好人榜"]),
        ("恩施\u3000好人榜", ["恩施", "好人榜"]),  # the ideographic space separates terms too
        ("\t文明\n实践 ", ["文明", "实践"]),
    ],
)
def test_terms(q, expected):
    assert terms(q) == expected


@pytest.mark.parametrize(
    ("term", "pattern"),
    [
        ("公园", "%公园%"),
        ("100%", "%100\\%%"),
        ("a_b", "%a\\_b%"),
        ("C:\\data", "%C:\\\\data%"),
        ("O'Brien", "%O'Brien%"),
    ],
)
def test_like_pattern_escapes_metacharacters(term, pattern):
    assert like_pattern(term) == pattern
