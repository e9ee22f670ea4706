"""Readings of polyphonic characters in context, from g2pM's trained model.

g2pM (Park & Lee, "A Neural Grapheme-to-Phoneme Conversion Package for
Mandarin Chinese Based on a New Open Benchmark Dataset", Interspeech 2020;
the ``g2pM`` package, Apache-2.0) ships the weights of a one-layer
bidirectional LSTM (64-dimensional character embeddings, 32 hidden units a
direction) with a two-layer classifier over 876 readings, trained on the CPP
corpus. Its own ``G2pM.__call__`` runs one sentence at a time in float64 and
takes an argmax over every reading it knows.

This module loads the same weights and runs the network its own way:

- **batched**: many sentences at once, padded to the longest in a batch of
  similar lengths, in float32 (about 40× the package's speed here);
- **restricted**: the argmax is taken over the readings the character
  actually has (g2pM's own character table), so a character is never given
  another character's reading;
- **with a confidence**: the softmax probability of the chosen reading, so
  that callers can let a confident prediction overrule weaker evidence and
  keep stronger evidence (a dictionary word's only reading) where it is unsure;
- **cheaply**: the embedding and the input weights are folded into one table
  per direction (a row per character, computed once), each direction runs only
  as far as the positions asked for need, and a window of text already read
  (a repeated sentence) is answered from a memo. None of this changes a
  figure: ``tests/unit/test_polyphone_speed.py`` compares with the plain run.

numpy and the weights load on first use (about 0.1 s), in the language
worker; nothing here is on the first-paint path.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["PolyphoneModel", "Prediction", "available"]

#: Longest run of text given to the network at once; longer sentences are cut in windows.
_MAX_LEN = 200
#: Sentences per batch.
_BATCH = 512
#: Windows of text whose predictions are remembered before the memo is cleared.
_MEMO_MAX = 50_000


@dataclass(frozen=True, slots=True)
class Prediction:
    """The reading chosen for one character, the model's probability for it, and for every candidate.

    ``scores`` holds ``(reading, probability)`` for each reading the character
    has, most probable first.
    """

    reading: str
    confidence: float
    scores: tuple[tuple[str, float], ...] = ()

    def probability(self, reading: str) -> float:
        """The model's probability for ``reading`` (0 when it is not a candidate)."""
        for candidate, value in self.scores:
            if candidate == reading:
                return value
        return 0.0


def _package_dir() -> Path | None:
    try:
        import importlib.util

        spec = importlib.util.find_spec("g2pM")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


#: The environment variables that set how many threads the BLAS numpy was built with may use.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def _one_blas_thread() -> None:
    """Keep numpy's BLAS to one thread (unless the environment says otherwise), before numpy loads.

    The network's products are tiny (a batch of 512 times 32 by 128): a second
    BLAS thread only adds its start and join to every step, and on a busy
    machine waits for a core, which made the model six times slower (0.6 s
    against 0.1 s for a batch, measured by ``benchmarks/annotate_speed.py``).
    The figures are the same: each product's element is summed in the same
    order however the rows are shared out. Once numpy is loaded the setting no
    longer applies (numpy is loaded here, first, in the reader).
    """
    if "numpy" in sys.modules:
        return
    for name in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def available() -> bool:
    """Tell whether the g2pM package and numpy are installed."""
    folder = _package_dir()
    if folder is None or not (folder / "np_ckpt.pkl").is_file():
        return False
    try:
        import importlib.util

        return importlib.util.find_spec("numpy") is not None
    except (ImportError, ValueError):
        return False


class PolyphoneModel:
    """g2pM's network, batched and restricted to each character's readings.

    ``readings_of(char)`` gives the readings the model may choose for a
    character (more than one: it is polyphonic). :meth:`predict` reads the
    characters at given positions of many sentences at once.
    """

    def __init__(self, folder: Path | None = None) -> None:
        _one_blas_thread()
        import numpy as np

        folder = folder or _package_dir()
        if folder is None:
            raise ImportError("the g2pM package is not installed")

        def load(name: str) -> object:
            with open(os.path.join(folder, name), "rb") as handle:
                return pickle.load(handle)  # the package's own data files

        char2idx = load("char2idx.pkl")
        class2idx = load("class2idx.pkl")
        cedict = load("digest_cedict.pkl")
        weights = load("np_ckpt.pkl")
        assert isinstance(char2idx, dict) and isinstance(class2idx, dict) and isinstance(cedict, dict)
        assert isinstance(weights, dict)
        self._np = np
        self._char2idx: dict[str, int] = char2idx
        self._unk = char2idx["<UNK>"]
        self._bos = char2idx["시"]
        self._eos = char2idx["끝"]
        self._classes: list[str] = [""] * len(class2idx)
        for reading, index in class2idx.items():
            self._classes[index] = reading
        self._class_index: dict[str, int] = class2idx
        self._readings: dict[str, tuple[str, ...]] = {
            char: tuple(r for r in prons if r in class2idx)
            for char, prons in cedict.items()
            if isinstance(char, str) and len(char) == 1 and len(prons) > 1
        }
        self._masks: dict[str, npt.NDArray[np.float32]] = {}

        def weight(name: str) -> npt.NDArray[np.float32]:
            return np.asarray(weights[name], dtype=np.float32)

        self._embed = weight("embedding.weight")
        self._fw = (weight("lstm.weight_ih_l0").T, weight("lstm.weight_hh_l0").T,
                    weight("lstm.bias_ih_l0") + weight("lstm.bias_hh_l0"))  # fmt: skip
        self._bw = (weight("lstm.weight_ih_l0_reverse").T, weight("lstm.weight_hh_l0_reverse").T,
                    weight("lstm.bias_ih_l0_reverse") + weight("lstm.bias_hh_l0_reverse"))  # fmt: skip
        self._fc0 = (weight("logit_layer.0.weight").T, weight("logit_layer.0.bias"))
        self._fc1 = (weight("logit_layer.2.weight").T, weight("logit_layer.2.bias"))
        self._hidden = self._fw[1].shape[0]
        # Embedding and input weights folded into one table per direction (a row per character).
        self._fw_in = self._embed @ self._fw[0] + self._fw[2]
        self._bw_in = self._embed @ self._bw[0] + self._bw[2]
        self._memo: dict[str, dict[int, Prediction]] = {}
        self._lock = threading.Lock()

    def readings_of(self, char: str) -> tuple[str, ...]:
        """The readings the model chooses between for ``char`` (ü as ``v``; empty: not polyphonic for it)."""
        return tuple(r.replace("u:", "v") for r in self._readings.get(char, ()))

    def is_polyphone(self, char: str) -> bool:
        """Tell whether the model reads ``char`` in context (it has several readings)."""
        return len(self._readings.get(char, ())) > 1

    def predict(self, sentences: Sequence[str], positions: Sequence[Sequence[int]]) -> list[list[Prediction]]:
        """Readings of ``sentences[i][p]`` for each ``p`` in ``positions[i]``.

        Positions whose character is not polyphonic for the model get
        ``Prediction("", 0.0)``. Sentences longer than the model's window are
        read in windows centred on each position.
        """
        out: list[list[Prediction]] = [[Prediction("", 0.0)] * len(p) for p in positions]
        windows: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
        for i, (sentence, wanted) in enumerate(zip(sentences, positions, strict=True)):
            for slot, pos in enumerate(wanted):
                if not 0 <= pos < len(sentence) or not self.is_polyphone(sentence[pos]):
                    continue
                lo = 0 if len(sentence) <= _MAX_LEN else max(0, min(pos - _MAX_LEN // 2, len(sentence) - _MAX_LEN))
                hi = min(len(sentence), lo + _MAX_LEN)
                windows.setdefault((i, lo, hi), []).append((slot, pos - lo))
        # A window already read (the same sentence again) is answered from the memo.
        memo = self._memo
        for key in list(windows):
            i, lo, hi = key
            known = memo.get(sentences[i][lo:hi])
            if known is not None and all(p in known for _, p in windows[key]):
                for slot, p in windows.pop(key):
                    out[i][slot] = known[p]
        # One network run per distinct window, reading all its positions.
        keys = sorted(windows, key=lambda k: k[2] - k[1])
        with self._lock:
            for start in range(0, len(keys), _BATCH):
                batch = keys[start : start + _BATCH]
                texts = [sentences[i][lo:hi] for i, lo, hi in batch]
                wanted_lists = [windows[key] for key in batch]
                results = self._run(texts, [[p for _, p in w] for w in wanted_lists])
                if len(memo) > _MEMO_MAX:
                    memo.clear()
                for (i, _lo, _hi), w, preds, text in zip(batch, wanted_lists, results, texts, strict=True):
                    known = memo.setdefault(text, {})
                    for (slot, p), pred in zip(w, preds, strict=True):
                        out[i][slot] = pred
                        known[p] = pred
        return out

    # -- the network ---------------------------------------------------------------------------

    def _run(self, texts: Sequence[str], wanted: Sequence[Sequence[int]]) -> list[list[Prediction]]:
        np = self._np
        lengths = np.array([len(t) + 2 for t in texts])  # with BOS and EOS
        width = int(lengths.max())
        ids = np.zeros((len(texts), width), dtype=np.int64)
        for row, text in enumerate(texts):
            ids[row, 0] = self._bos
            ids[row, 1 : len(text) + 1] = [self._char2idx.get(c, self._unk) for c in text]
            ids[row, len(text) + 1] = self._eos
        rows, cols, chars = [], [], []
        for row, (text, positions) in enumerate(zip(texts, wanted, strict=True)):
            for pos in positions:
                rows.append(row)
                cols.append(pos + 1)
                chars.append(text[pos])
        # The forward pass need not go past the last position asked for, nor the backward
        # pass (reading each text from its end) past the first one: their states are the same.
        forward = self._direction(ids, lengths, self._fw_in, self._fw[1], reverse=False, steps=max(cols) + 1)
        back_steps = int((lengths - np.array([min(p) + 1 for p in wanted])).max())
        backward = self._direction(ids, lengths, self._bw_in, self._bw[1], reverse=True, steps=back_steps)
        hidden = np.concatenate([forward[rows, cols], backward[rows, cols]], axis=1)
        w0, b0 = self._fc0
        w1, b1 = self._fc1
        logits = np.maximum(hidden @ w0 + b0, 0.0) @ w1 + b1
        logits = logits + np.stack([self._mask(c) for c in chars])
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        best = probs.argmax(axis=1)
        preds = []
        for k, (b, char) in enumerate(zip(best, chars, strict=True)):
            scores = sorted(
                ((r.replace("u:", "v"), float(probs[k, self._class_index[r]])) for r in self._readings[char]),
                key=lambda item: -item[1],
            )
            preds.append(Prediction(self._classes[int(b)].replace("u:", "v"), float(probs[k, b]), tuple(scores)))
        out: list[list[Prediction]] = []
        k = 0
        for positions in wanted:
            out.append(preds[k : k + len(positions)])
            k += len(positions)
        return out

    def _mask(self, char: str) -> npt.NDArray[np.float32]:
        mask = self._masks.get(char)
        if mask is None:
            np = self._np
            mask = np.full(len(self._classes), -1e9, dtype=np.float32)
            for reading in self._readings.get(char, ()):
                mask[self._class_index[reading]] = 0.0
            self._masks[char] = mask
        return mask

    def _direction(
        self,
        ids: npt.NDArray[np.int64],
        lengths: npt.NDArray[np.int64],
        table: npt.NDArray[np.float32],
        w_hh: npt.NDArray[np.float32],
        *,
        reverse: bool,
        steps: int,
    ) -> npt.NDArray[np.float32]:
        """Hidden states of one LSTM direction (aligned with ``ids``); only the first ``steps`` steps are run.

        ``table`` holds the embedding times the input weights plus the biases,
        a row per character. States past ``steps`` (in reading order) are zero.
        """
        np = self._np
        batch, width = ids.shape
        steps = max(0, min(steps, width))
        if reverse:
            # Each sequence reversed within its own length, padding kept at the end.
            index = lengths[:, None] - 1 - np.arange(width)[None, :]
            order = np.where(index >= 0, index, 0)
            seq = np.take_along_axis(ids, order, axis=1)
        else:
            seq = ids
        inputs = table[seq[:, :steps]]  # (batch, steps, 4h)
        h = np.zeros((batch, self._hidden), dtype=np.float32)
        c = np.zeros((batch, self._hidden), dtype=np.float32)
        states = np.zeros((batch, width, self._hidden), dtype=np.float32)
        n = self._hidden
        for t in range(steps):
            gates = inputs[:, t] + h @ w_hh
            squashed = _sigmoid(np, gates)  # i, f and o; g takes tanh below
            i = squashed[:, :n]
            f = squashed[:, n : 2 * n]
            g = np.tanh(gates[:, 2 * n : 3 * n])
            o = squashed[:, 3 * n :]
            c = f * c + i * g
            h = o * np.tanh(c)
            states[:, t] = h
        if reverse:
            # Reversing within each length is its own inverse: position p reads reversed step L-1-p.
            return np.take_along_axis(states, order[:, :, None], axis=1)
        return states


def _sigmoid(numpy: ModuleType, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    result: npt.NDArray[np.float32] = 1.0 / (1.0 + numpy.exp(-x))
    return result
