"""The taxonomy data file: the default, user overrides, and clear errors for bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.contract.analysis import Entity
from newsevents.extract.engine.events import ArticleContext, EventFinder
from newsevents.extract.engine.sentences import split_sentences
from newsevents.extract.engine.taxonomy import Taxonomy, TaxonomyError

DEFAULT_TYPES = {
    "meeting": "会议",
    "activity": "活动",
    "competition": "比赛",
    "honor": "荣誉",
    "policy": "政策文件",
    "inspection": "督查",
    "construction": "建设",
    "good_deed": "善行",
    "enforcement": "执法",
    "project": "项目",
    "publicity": "宣传",
}


def override(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "override.toml"
    path.write_text(text, encoding="utf-8")
    return path


def events(taxonomy: Taxonomy, body: str) -> list[tuple[str, str]]:
    ctx = ArticleContext(body, None, date(2024, 6, 20), split_sentences(body), [], [], [], [], None)
    return [(e.type, e.trigger.text) for e in EventFinder(taxonomy).find(ctx)]


def test_default_has_the_eleven_types():
    taxonomy = Taxonomy.load()
    assert {name: t.label for name, t in taxonomy.types.items()} == DEFAULT_TYPES
    assert all(t.triggers or t.frames for t in taxonomy.types.values())
    assert len(taxonomy.fingerprint) == 8


def test_fingerprint_is_stable_and_changes_with_an_override(tmp_path):
    assert Taxonomy.load().fingerprint == Taxonomy.load().fingerprint
    changed = Taxonomy.load(override(tmp_path, '[types.honor]\nadd_triggers = ["获封"]\n'))
    assert changed.fingerprint != Taxonomy.load().fingerprint


# (override file, sentence, expected events)
OVERRIDES = [
    # add a type
    (
        '[types.donation]\nlabel = "捐赠"\ntriggers = ["认捐"]\n',
        "多家企业现场认捐善款50万元。",
        [("donation", "认捐")],
    ),
    # add triggers to a type
    ('[types.honor]\nadd_triggers = ["获封"]\n', "他获封“优秀志愿者”。", [("honor", "获封")]),
    # remove triggers (also from its frame verbs and objects)
    ('[types.honor]\nremove_triggers = ["入选"]\n', "3人入选“中国好人榜”。", []),
    ('[types.competition]\nremove_triggers = ["比赛", "决赛"]\n', "全市合唱比赛决赛举行。", [("activity", "举行")]),
    # replace a type
    (
        '[types.publicity]\nreplace = true\nlabel = "宣传"\ntriggers = ["宣介"]\n',
        "媒体集中刊发典型事迹，宣介先进经验。",
        [("publicity", "宣介")],
    ),
    # disable a type
    ('[types.good_deed]\ndisabled = true\n', "他跳入河中救起落水儿童。", []),
    # add a frame to a type
    (
        '[types.meeting]\nadd_frames = [{verbs = ["主持"], objects = ["研讨班"]}]\n',
        "市委书记主持专题研讨班。",
        [("meeting", "主持")],
    ),
    # replace a context cue
    ('[context]\nfuture_openers = []\n', "下一步，社区开展志愿服务活动。", [("activity", "开展")]),
]


@pytest.mark.parametrize("text, sentence, expected", OVERRIDES)
def test_override(tmp_path, text, sentence, expected):
    taxonomy = Taxonomy.load(override(tmp_path, text))
    assert events(taxonomy, sentence) == expected


def test_a_new_type_can_use_a_role_rule(tmp_path):
    text = '[types.award]\nlabel = "奖励"\ntriggers = ["获颁奖金"]\nparticipants = "recipients"\n'
    taxonomy = Taxonomy.load(override(tmp_path, text))
    body = "张三获颁奖金“见义勇为奖”。"
    start = body.index("张三")
    ctx = ArticleContext(
        body,
        None,
        date(2024, 6, 20),
        split_sentences(body),
        [Entity(text="张三", start=start, end=start + 2, label="person")],
        [],
        [],
        [],
        None,
    )
    [event] = EventFinder(taxonomy).find(ctx)
    assert {(p.name, p.role) for p in event.participants} == {("张三", "recipient"), ("见义勇为奖", "honor")}


def test_a_disabled_type_is_gone(tmp_path):
    taxonomy = Taxonomy.load(override(tmp_path, "[types.good_deed]\ndisabled = true\n"))
    assert "good_deed" not in taxonomy.types and len(taxonomy.types) == 10


# (override file, a fragment of the expected error message)
ERRORS = [
    ("this is = = not toml", "not valid TOML"),
    ('colour = "red"\n', "unknown top-level key"),
    ("version = 2\n", "version 2 is not supported"),
    ('[types.honor]\ntrigger = ["获封"]\n', "unknown key(s) ['trigger']"),
    ('[types.new_type]\nlabel = "新"\ntriggers = []\n', "the trigger list is empty"),
    ('[types.new_type]\ntriggers = ["某词"]\n', "label: a non-empty string is required"),
    ('[types.new_type]\nlabel = "新"\ntriggers = ["入选"]\n', "belongs to both"),
    ('[types.Bad-Name]\nlabel = "新"\ntriggers = ["某词"]\n', "lower-case letters"),
    ('[types.honor]\nremove_triggers = ["不存在的词"]\n', "not in this type"),
    ('[types.honor]\nadd_triggers = "获封"\n', "must be a list of strings"),
    ('[types.honor]\nadd_triggers = [""]\n', "non-empty and contain no spaces"),
    ('[types.nope]\ndisabled = true\n', "cannot disable an unknown type"),
    ('[types.meeting]\nadd_frames = [{verbs = ["主持"]}]\n', "objects: a list of words is required"),
    ('[types.meeting]\nadd_frames = [{verbs = ["主持"], objects = ["会"], when = "x"}]\n', "unknown key(s) ['when']"),
    ('[types.meeting]\nadd_frames = [{verbs = [], objects = ["会"]}]\n', "verbs: the list is empty"),
    ('[context]\ncolour = ["red"]\n', "unknown key(s) ['colour']"),
    ('[types.honor]\nparticipants = "everyone"\n', "participants: one of"),
    ('[types.honor]\nreplace = true\nadd_triggers = ["获封"]\nlabel = "荣誉"\n', "edit an existing type"),
]


@pytest.mark.parametrize("text, message", ERRORS)
def test_bad_override_is_a_clear_error(tmp_path, text, message):
    path = override(tmp_path, text)
    with pytest.raises(TaxonomyError) as err:
        Taxonomy.load(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_missing_override_file(tmp_path):
    with pytest.raises(TaxonomyError, match="cannot read"):
        Taxonomy.load(tmp_path / "absent.toml")


def test_from_dict_needs_types():
    with pytest.raises(TaxonomyError, match="at least one event type"):
        Taxonomy.from_dict({"types": {}})


def test_the_default_file_is_not_modified_by_an_override(tmp_path):
    before = Taxonomy.load()
    Taxonomy.load(override(tmp_path, '[types.honor]\nremove_triggers = ["入选"]\n'))
    assert "入选" in Taxonomy.load().types["honor"].triggers
    assert before.fingerprint == Taxonomy.load().fingerprint
