"""The study figures of :mod:`reader.study.stats` as text: sparklines, bars, percentages, the ``reader stats`` report."""

from __future__ import annotations

from collections.abc import Sequence

from reader.study.stats import Stats
from reader.text.linebreak import text_cells

SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[int]) -> str:
    """Draw ``values`` as block characters (a blank-free line; zero is the lowest block)."""
    top = max(values, default=0)
    if top <= 0:
        return SPARK[0] * len(values)
    return "".join(SPARK[round(v / top * (len(SPARK) - 1))] for v in values)


def bar(value: float, width: int = 20) -> str:
    """Draw a text bar ``width`` cells wide, filled to ``value`` (0 to 1)."""
    filled = round(max(0.0, min(1.0, value)) * width)
    return "█" * filled + "·" * (width - filled)


def percent(value: float | None) -> str:
    """Format a share as a whole percentage, or an en dash when there is none."""
    return "–" if value is None else f"{round(value * 100)}%"


def format_stats(stats: Stats) -> str:
    """Render the stats as plain text for ``reader stats``."""
    lines = [
        f"Deck ({stats.scope}): {stats.cards} cards, {stats.new_cards} new",
        f"Due: {stats.due_today} today, {stats.due_week} this week; {stats.new_cards} new waiting",
        f"Retention (30 days): {percent(stats.retention)}"
        f" over {stats.reviews_recent} review{'' if stats.reviews_recent == 1 else 's'} ({stats.reviews_total} in all)",
        f"Reviews per day, last {len(stats.reviews_per_day)} days: {sparkline(stats.reviews_per_day)}"
        f"  (today {stats.reviews_per_day[-1] if stats.reviews_per_day else 0})",
    ]
    if stats.sections:
        done = sum(1 for s in stats.sections if s.read)
        lines += ["", f"Reading: {stats.doc_title} · {done}/{len(stats.sections)} sections read"]
        width = max(text_cells(s.title) for s in stats.sections)
        for section in stats.sections:
            mark = " ✓" if section.read else ""
            pad = " " * (width - text_cells(section.title))
            lines.append(f"  {section.title}{pad}  {bar(section.fraction)} {percent(section.fraction):>4}{mark}")
    if stats.documents:
        lines += ["", "Documents read (last read first):"]
        width = max(text_cells(d.title or d.doc_id) for d in stats.documents)
        for doc in stats.documents:
            name = doc.title or doc.doc_id
            pad = " " * (width - text_cells(name))
            total = f"/{doc.sections}" if doc.sections is not None else ""
            when = f" · last read {doc.updated}" if doc.updated else ""
            noun = "section" if doc.sections_read == 1 and not total else "sections"
            lines.append(f"  {name}{pad}  {doc.sections_read}{total} {noun} read{when}")
    if stats.hsk:
        lines += ["", "Vocabulary by HSK level (distinct words):"]
        top = max(count for _, count in stats.hsk) or 1
        width = max(len(label) for label, _ in stats.hsk)
        for label, count in stats.hsk:
            lines.append(f"  {label:<{width}}  {bar(count / top)} {count}")
    return "\n".join(lines)
