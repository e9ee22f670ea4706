"""Durations and due times as the study screens and ``reader study`` print them."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo


def format_duration(span: timedelta) -> str:
    """Return a short human duration: ``45s``, ``3m 05s``, ``1h 02m``."""
    seconds = max(0, int(span.total_seconds()))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"


def format_when(moment: datetime | None, now: datetime, tz: tzinfo | None = None) -> str:
    """Return when a card is due, relative to ``now``: ``now``, ``in 10 min``, ``tomorrow 09:30``, a date."""
    if moment is None:
        return "nothing scheduled"
    delta = moment - now
    if delta <= timedelta(0):
        return "now"
    if delta < timedelta(hours=1):
        return f"in {max(1, round(delta.total_seconds() / 60))} min"
    local, local_now = moment.astimezone(tz), now.astimezone(tz)
    days = (local.date() - local_now.date()).days
    if days == 0:
        return f"today {local:%H:%M}"
    if days == 1:
        return f"tomorrow {local:%H:%M}"
    return f"{local:%Y-%m-%d} (in {days} days)"
