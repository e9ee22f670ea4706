"""The polyphone model's shortcuts (folded input table, shortened passes, memo) change no figure.

The reference is the plain run: the embedding times the input weights for
every step of both directions over the whole text, as g2pM's network reads it.
"""

from __future__ import annotations

from typing import Any

import pytest

from reader.text.polyphone import PolyphoneModel, available

pytestmark = pytest.mark.skipif(not available(), reason="g2pM is not installed")

SENTENCES = [
    "他们在银行门口排队，等着还钱给朋友。",
    "这个角色很重要，我们要重视它的作用。",
    "长大以后，他成了一名教书的老师，教了很多学生。",
    "为了大家的安全，请不要在这里停车。",
    "都",
    "他的发音不太准确，但是头发很长。",
    "我们应该调查一下这次调动的原因，还有便宜的票。",
]


def _plain(model: Any, text: str) -> Any:
    """Hidden states of both directions over the whole text, the embedding multiplied at every step."""
    import numpy as np

    ids = np.array([[model._bos, *[model._char2idx.get(c, model._unk) for c in text], model._eos]])
    n = model._hidden

    def run(seq: Any, weights: Any) -> Any:
        w_ih, w_hh, bias = weights
        inputs = model._embed[seq] @ w_ih + bias
        h = np.zeros((1, n), dtype=np.float32)
        c = np.zeros((1, n), dtype=np.float32)
        out = []
        for t in range(seq.shape[1]):
            gates = inputs[:, t] + h @ w_hh
            s = 1.0 / (1.0 + np.exp(-gates))
            c = s[:, n : 2 * n] * c + s[:, :n] * np.tanh(gates[:, 2 * n : 3 * n])
            h = s[:, 3 * n :] * np.tanh(c)
            out.append(h)
        return np.stack(out, axis=1)

    forward = run(ids, model._fw)
    backward = run(ids[:, ::-1].copy(), model._bw)[:, ::-1]
    return forward, backward


@pytest.fixture(scope="module")
def model() -> PolyphoneModel:
    return PolyphoneModel()


def test_same_probabilities_as_the_plain_run(model: PolyphoneModel) -> None:
    import numpy as np

    positions = [[i for i, c in enumerate(s) if model.is_polyphone(c)] for s in SENTENCES]
    fast = model.predict(SENTENCES, positions)
    for text, wanted, preds in zip(SENTENCES, positions, fast, strict=True):
        forward, backward = _plain(model, text)
        for pos, pred in zip(wanted, preds, strict=True):
            hidden = np.concatenate([forward[:, pos + 1], backward[:, pos + 1]], axis=1)
            logits = np.maximum(hidden @ model._fc0[0] + model._fc0[1], 0.0) @ model._fc1[0] + model._fc1[1]
            logits = logits + model._mask(text[pos])
            logits -= logits.max(axis=1, keepdims=True)
            probs = np.exp(logits)
            probs /= probs.sum(axis=1, keepdims=True)
            best = int(probs.argmax())
            assert pred.reading == model._classes[best].replace("u:", "v"), (text, pos)
            assert pred.confidence == pytest.approx(float(probs[0, best]), rel=1e-5, abs=1e-7)


def test_memo_gives_the_same_predictions(model: PolyphoneModel) -> None:
    positions = [[i for i, c in enumerate(s) if model.is_polyphone(c)] for s in SENTENCES]
    first = model.predict(SENTENCES, positions)
    # Again from the memo: the very same predictions, not one network run.
    runs: list[int] = []
    plain_run = model._run
    model._run = lambda texts, wanted: runs.append(len(texts)) or plain_run(texts, wanted)  # type: ignore[method-assign]
    try:
        again = model.predict(SENTENCES, positions)
    finally:
        model._run = plain_run  # type: ignore[method-assign]
    assert again == first and runs == []
    # One at a time (as before the memo, batches of other sizes): the same readings; probabilities
    # differ in the last bit with the batch's size, as they always did.
    model._memo.clear()
    alone = [model.predict([s], [p])[0] for s, p in zip(SENTENCES, positions, strict=True)]
    for a, b in zip(alone, first, strict=True):
        assert [x.reading for x in a] == [x.reading for x in b]
        assert [x.confidence for x in a] == pytest.approx([x.confidence for x in b], rel=1e-6)
