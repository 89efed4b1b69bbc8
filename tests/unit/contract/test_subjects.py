import pytest

from newsevents.contract import subjects


@pytest.mark.parametrize(
    ("event_type", "adcode", "subject"),
    [
        ("honor", "620800", "events.honor.620000.620800"),
        ("honor", "620802", "events.honor.620000.620800"),
        ("meeting", "110105", "events.meeting.110000.110100"),
        ("policy", "620000", "events.policy.620000.000000"),
        ("activity", None, "events.activity.000000.000000"),
        ("activity", "bad", "events.activity.000000.000000"),
    ],
)
def test_event_subjects_carry_type_province_and_city(event_type, adcode, subject):
    assert subjects.event(event_type, adcode) == subject


@pytest.mark.parametrize(
    ("event_type", "region", "pattern"),
    [
        (None, None, "events.*.*.*"),
        ("honor", None, "events.honor.*.*"),
        ("honor", "620000", "events.honor.620000.*"),
        (None, "62", "events.*.620000.*"),
        (None, "620800", "events.*.620000.620800"),
        (None, "6208", "events.*.620000.620800"),
        (None, "620802", "events.*.620000.620800"),
    ],
)
def test_event_filter_is_the_narrowest_server_side_wildcard(event_type, region, pattern):
    assert subjects.event_filter(event_type, region) == pattern


def test_article_subject_and_unsafe_tokens():
    assert subjects.article("511700", "abc-01") == "articles.510000.511700.abc-01"
    with pytest.raises(ValueError):
        subjects.submitted("a.b")
    with pytest.raises(ValueError):
        subjects.event("hon*r", None)
    with pytest.raises(ValueError):
        subjects.event_filter(None, "62; drop")
