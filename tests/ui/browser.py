"""Headless Chromium driven over the DevTools protocol (aiohttp's websocket client; no extra package).

:func:`chromium` starts Debian's ``chromium`` with the flags a sandboxed test
machine needs and yields a :class:`Page`; the page can navigate, evaluate
JavaScript, type keys and take screenshots. Used by the ``reader serve`` test
and by ``scripts/screenshots.py`` for the browser picture.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-port=0",
)

#: Records every xterm.js terminal the page makes (textual-serve keeps them in a closure) as ``window.__terminals``.
CAPTURE_TERMINALS = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    (window.__terminals = window.__terminals || []).push(value);
  },
});
"""

#: The rows of the first terminal as text, as xterm.js shows them.
SCREEN_TEXT = """
(() => {
  const term = (window.__terminals || [])[0];
  if (!term) return null;
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
})()
"""


def chromium_path() -> str | None:
    """The Chromium executable, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Page:
    """One browser tab over the DevTools protocol."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self._ws = ws
        self._ids = itertools.count(1)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call a DevTools method and return its result (events in between are skipped)."""
        call_id = next(self._ids)
        await self._ws.send_str(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads((await self._ws.receive(timeout=30)).data)
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def screen_text(self) -> str:
        """What the page's terminal shows, row by row ("" before it exists)."""
        return str(await self.evaluate(SCREEN_TEXT) or "")

    async def wait_for_text(self, check: Any, timeout: float = 60) -> str:
        """Wait until ``check(screen_text)`` is true; return that text (AssertionError with the last text if not)."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = await self.screen_text()
            if check(text):
                return text
            await asyncio.sleep(0.2)
        raise AssertionError(f"the page never showed what was expected; it showed:\n{text}")

    async def press(self, key: str) -> None:
        """Type one printable key into the focused element."""
        for kind in ("keyDown", "keyUp"):
            params: dict[str, Any] = {"type": kind, "key": key}
            if kind == "keyDown":
                params["text"] = key
            await self.send("Input.dispatchKeyEvent", **params)

    async def screenshot(self, target: Path) -> Path:
        """Save a PNG of the tab."""
        data = await self.send("Page.captureScreenshot", format="png")
        target.write_bytes(base64.b64decode(data["data"]))
        return target


@contextlib.asynccontextmanager
async def chromium(width: int = 1280, height: int = 800) -> AsyncIterator[Page]:
    """Start headless Chromium in a fresh profile and yield its first tab; stop it afterwards."""
    executable = chromium_path()
    if executable is None:
        raise RuntimeError("chromium is not installed")
    # Chromium's helper processes can still be writing the profile as the browser exits:
    # a profile left half-removed in /tmp is not a test failure.
    with tempfile.TemporaryDirectory(prefix="reader-chromium-", ignore_cleanup_errors=True) as profile:
        process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            port_file = Path(profile) / "DevToolsActivePort"
            deadline = time.monotonic() + 30
            while not port_file.exists() or not port_file.read_text().strip():
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("chromium did not open its DevTools port")
                await asyncio.sleep(0.1)
            port = int(port_file.read_text().split()[0])
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{port}/json/list") as response:
                    targets = await response.json()
                url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
                async with session.ws_connect(url, max_msg_size=0) as ws:
                    page = Page(ws)
                    await page.send("Page.enable")
                    await page.send("Page.addScriptToEvaluateOnNewDocument", source=CAPTURE_TERMINALS)
                    yield page
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
