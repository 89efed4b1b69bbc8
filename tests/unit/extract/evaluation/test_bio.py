"""BIO corpora: both separators, span decoding, exact-span scoring."""

from __future__ import annotations

from collections import Counter

import pytest

from newsevents.extract.evaluation.bio import read_bio, score_ner

PEOPLES_DAILY = "我 O\n在 O\n北 B-LOC\n京 I-LOC\n见 O\n到 O\n王 B-PER\n刚 I-PER\n\n欧 B-LOC\n美 B-LOC\n"
MSRA = "中\tB-ORG\n央\tI-ORG\n电\tI-ORG\n视\tI-ORG\n台\tI-ORG\n报\tO\n道\tO\n\n好\tO\n"


def _read(tmp_path, text):
    path = tmp_path / "corpus"
    path.write_text(text, encoding="utf-8")
    return list(read_bio(path))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PEOPLES_DAILY, [("我在北京见到王刚", {(2, 4, "location"), (6, 8, "person")}),
                         ("欧美", {(0, 1, "location"), (1, 2, "location")})]),
        (MSRA, [("中央电视台报道", {(0, 5, "organization")}), ("好", set())]),
        # an I- that continues nothing starts a span; unknown types are dropped
        ("上 I-LOC\n海 I-LOC\n的 O\n张 B-MISC\n", [("上海的张", {(0, 2, "location")})]),
        # BIOES
        ("李 S-PER\n北 B-ORG\n大 E-ORG\n", [("李北大", {(0, 1, "person"), (1, 3, "organization")})]),
        # a space token, CRLF line ends
        ("  O\r\n甲 B-PER\r\n", [(" 甲", {(1, 2, "person")})]),
        ("", []),
        ("\n\n\n", []),
    ],
)  # fmt: skip
def test_read_bio(tmp_path, text, expected):
    sentences = _read(tmp_path, text)
    assert [(s.text, set(s.spans)) for s in sentences] == expected


@pytest.mark.parametrize(
    ("tagged", "person_f1", "location_p", "micro_r"),
    [
        ({(2, 4, "location"), (6, 8, "person")}, 1.0, 1.0, 0.5),  # 欧/美 of sentence 2 missed
        ({(2, 3, "location"), (6, 8, "person")}, 1.0, 0.0, 0.25),  # a partial span is wrong
        (set(), 0.0, None, 0.0),
    ],
)
def test_score_ner(tmp_path, tagged, person_f1, location_p, micro_r):
    sentences = _read(tmp_path, PEOPLES_DAILY)
    score = score_ner(sentences, lambda text: tagged if text.startswith("我") else [])
    r = score.tally.ratios
    assert score.sentences == 2 and score.errors == 0
    assert r["person.f1"].value == person_f1
    assert r["location.precision"].value == location_p
    assert r["micro.recall"].value == micro_r


def test_tagger_errors_and_limit(tmp_path):
    sentences = _read(tmp_path, PEOPLES_DAILY)

    def broken(text):
        raise RuntimeError("model not loaded")

    score = score_ner(sentences, broken)
    assert score.errors == 2 and score.first_error == "RuntimeError: model not loaded"
    assert score.tally.ratios["micro.recall"].value == 0.0
    assert score_ner(sentences, lambda t: [], limit=1).sentences == 1


@pytest.mark.parametrize(
    ("rel", "sentences", "counts"),
    [  # the counts PROVENANCE.md states
        (
            "eval/public/peoples_daily_1998_ner/example.test",
            4636,
            {"location": 3658, "organization": 2185, "person": 1864},
        ),
        ("eval/public/msra_ner/msra_test_bio", 3442, {"location": 2886, "organization": 1331, "person": 1973}),
    ],
)
def test_public_corpora_parse(shared_dir, rel, sentences, counts):
    parsed = list(read_bio(shared_dir / rel))
    assert len(parsed) == sentences
    assert Counter(label for s in parsed for _, _, label in s.spans) == counts
