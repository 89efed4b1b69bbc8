"""Articles matched by lead, one to one."""

from __future__ import annotations

import pytest

from newsevents.extract.evaluation.align import align

LEADS = ["今年以来，甘肃省平凉市紧盯", "奋进新时代，颂歌献祖国。近日"]


@pytest.mark.parametrize(
    ("bodies", "expected"),
    [
        (["今年以来，甘肃省平凉市紧盯目标……", "奋进新时代，颂歌献祖国。近日，达州市举行"], {0: 0, 1: 1}),
        (["奋进新时代，颂歌献祖国。近日，达州市", "今年以来，甘肃省平凉市紧盯目标"], {0: 1, 1: 0}),
        # hard wraps and spaces inside the lead
        (["今年以来，甘肃省\n平凉市 紧盯目标", "x"], {0: 0}),
        # a headline printed before the lead: within the first 40 characters
        (["文明花开满陇原\n今年以来，甘肃省平凉市紧盯目标"], {0: 0}),
        # too far in: a merged article does not match the second lead
        (["今年以来，甘肃省平凉市紧盯" + "正文" * 40 + "奋进新时代，颂歌献祖国。近日"], {0: 0}),
        # one predicted article serves one gold article only
        (["今年以来，甘肃省平凉市紧盯目标", "今年以来，甘肃省平凉市紧盯目标"], {0: 0}),
        (["鹤壁市近年来持续深化", ""], {}),
        ([], {}),
    ],
)
def test_align(bodies, expected):
    assert align(LEADS, bodies) == expected


def test_earliest_position_wins():
    leads = ["近日，某市举行"]
    bodies = ["标题。近日，某市举行比赛", "近日，某市举行比赛"]
    assert align(leads, bodies) == {0: 1}


def test_empty_lead_matches_nothing():
    assert align([""], ["近日"]) == {}
