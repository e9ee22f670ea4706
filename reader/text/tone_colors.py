"""Tone colour schemes: the colours tones 1–5 are drawn in, by scheme name.

Pure data and stdlib only; no UI toolkit is imported. :data:`SCHEMES` and
:func:`tone_color` are re-exported from :mod:`reader.text.tones`.
"""

from __future__ import annotations

#: Colours for tones 1–5 (5 is neutral), as hex strings; ``"none"`` means "show tone numbers".
SCHEMES: dict[str, tuple[str, str, str, str, str] | None] = {
    "zhongwen": ("#ee363e", "#f47c36", "#73bb4f", "#649cd3", "#a0a0a0"),
    "pleco": ("#e30000", "#02b31c", "#1510f0", "#8900bf", "#777777"),
    "none": None,
}


def tone_color(scheme: str, tone: int) -> str | None:
    """Return the hex colour of ``tone`` (1–5; 0 counts as 5) in ``scheme``, or None for the ``"none"`` scheme.

    Raises ValueError for an unknown scheme or tone, naming the valid ones.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown tone colour scheme {scheme!r}; choose one of {', '.join(SCHEMES)}")
    if tone == 0:
        tone = 5
    if not 1 <= tone <= 5:
        raise ValueError(f"tone must be 1-5, not {tone!r}")
    colours = SCHEMES[scheme]
    return None if colours is None else colours[tone - 1]
