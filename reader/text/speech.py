"""Hearing a word or sentence: espeak-ng's Mandarin voice (``-v cmn``), played by aplay or paplay.

Where ``espeak-ng`` (Debian's package of that name) is not installed the
reader offers no speech key at all; where no player is, :func:`speak` says so
(the reader shows it once). Pure: subprocesses only, no Textual or Rich.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

#: espeak-ng's Mandarin voice.
VOICE = "cmn"
#: Players tried in order: ALSA's, then PulseAudio's (or PipeWire's pulse server).
PLAYERS = (("aplay", "-q", "-"), ("paplay",))


@lru_cache(maxsize=1)
def espeak() -> str | None:
    """The path of ``espeak-ng``, or None when it is not installed."""
    return shutil.which("espeak-ng")


def player() -> tuple[str, ...] | None:
    """The command of the first audio player found, reading a WAV on stdin; None when there is none."""
    for command in PLAYERS:
        path = shutil.which(command[0])
        if path is not None:
            return (path, *command[1:])
    return None


def synthesis_command(text: str, wav: Path | None = None) -> list[str]:
    """The espeak-ng command that speaks ``text`` in Mandarin to ``wav`` (stdout when None)."""
    program = espeak()
    if program is None:
        raise FileNotFoundError("espeak-ng is not installed")
    target = ["-w", str(wav)] if wav is not None else ["--stdout"]
    # "--" so that a text starting with "-" is never read as an option.
    return [program, "-v", VOICE, *target, "--", text]


def write_wav(text: str, wav: Path, timeout: float = 30) -> None:
    """Speak ``text`` into the WAV file ``wav`` (raises ``CalledProcessError`` or ``FileNotFoundError``)."""
    subprocess.run(synthesis_command(text, wav), check=True, capture_output=True, timeout=timeout)


def speak(text: str, timeout: float = 60) -> str:
    """Speak ``text`` aloud and wait for it; "" when it was played, else the one-line reason it was not."""
    if espeak() is None:
        return "espeak-ng is not installed"
    play = player()
    if play is None:
        return "no audio player found (install alsa-utils for aplay, or pulseaudio-utils for paplay)"
    try:
        voice = subprocess.run(synthesis_command(text), capture_output=True, timeout=timeout, check=True)
        out = subprocess.run(list(play), input=voice.stdout, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"could not speak: {exc}"
    if out.returncode != 0:
        reason = out.stderr.decode(errors="replace").strip().splitlines()
        return f"{Path(play[0]).name} could not play the sound: {reason[-1] if reason else out.returncode}"
    return ""
