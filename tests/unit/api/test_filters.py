"""The stream's message filters, as a table (the stream tests run them end to end)."""

from __future__ import annotations

import pytest

from newsevents.api.filters import EventMatcher, event_adcode, region_prefix
from newsevents.api.queries import EventFilters
from tests.support.event_messages import event_message


@pytest.mark.parametrize(
    ("code", "prefix"),
    [("620000", "62"), ("620800", "6208"), ("620802", "620802"), ("110100", "1101"), ("330110", "330110"),
     ("62", "62"), ("6208", "6208")],
)
def test_region_prefix(code, prefix):
    assert region_prefix(code) == prefix


def test_the_event_region_is_its_location_else_its_article_region():
    assert event_adcode(event_message(adcode="620702", region="310000")) == "620702"
    assert event_adcode(event_message(adcode=None, region="310000")) == "310000"
    assert event_adcode(event_message(adcode=None, region=None)) is None


@pytest.mark.parametrize(
    ("filters", "event", "matches"),
    [
        ({}, {}, True),
        ({}, {"adcode": None, "region": None}, True),
        ({"region": "620000"}, {"adcode": None, "region": None}, False),
        ({"region": "330110"}, {"adcode": "330111"}, False),  # a county code is not widened
        ({"region": "3301"}, {"adcode": "330111"}, True),
        ({"q": "健身"}, {}, True),
        ({"q": "健身 教师"}, {}, False),
        ({"person": "王芳"}, {"participants": ("王芳老师",), "sentence": "王芳老师获评优秀教师。", "trigger": "获评"}, True),
        ({"person": "王芳"}, {}, False),
        ({"organization": "甘州区"}, {"participants": ()}, True),  # named in the sentence
        ({"source": "张掖日报"}, {}, True),
        ({"source": "张掖日报 "}, {}, True),  # query values are stripped
        ({"source": "张掖"}, {}, False),
        ({"person": "甘州区", "q": "运动会", "region": "6207", "source": "张掖日报"}, {}, True),
    ],
)
def test_matcher(filters, event, matches):
    assert EventMatcher.of(EventFilters(**filters))(event_message(**event)) is matches
