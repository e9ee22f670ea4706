"""Helpers for driving the app with Pilot and reading what is on screen."""

from __future__ import annotations

import asyncio
import time

from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot

from reader.storage.config import Config
from reader.text.content import resolve_document
from reader.text.document import Document
from reader.ui.app import ReaderApp, create_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.status_line import StatusLine


def make_app(name: str = "article", document: Document | None = None, **config: object) -> ReaderApp:
    """The real app on a bundled document, with default settings unless given."""
    settings = Config()
    for key, value in config.items():
        setattr(settings, key, value)
    return create_app(document or resolve_document(name), config=settings)


async def ready(pilot: Pilot[None], timeout: float = 60, whole_layout: bool = True) -> ReadingScreen:
    """Wait until the reading screen is up, its language stack loaded and drawn.

    ``whole_layout=False`` does not wait for the background layout of the rest of the
    document: a long book is laid out screen by screen, as a reader sees it.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, ReadingScreen) and screen.language is not None:
            await pilot.app.workers.wait_for_complete()
            view = screen.query_one(ArticleView)
            # Small documents are laid out completely in the background: wait for
            # it, so that row positions (and snapshots) are the same every run.
            while whole_layout and not view.layout_model.complete and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
            await pilot.pause()
            return screen
        await asyncio.sleep(0.02)
    raise AssertionError("the language stack never finished loading")


def view_lines(pilot: Pilot[None]) -> list[str]:
    """The text rows of the article view as the user sees them."""
    view = pilot.app.screen.query_one(ArticleView)
    return [view.render_line(y).text.rstrip() for y in range(view.scrollable_content_region.height)]


def status_text(pilot: Pilot[None]) -> str:
    """The status line."""
    screen = pilot.app.screen
    assert isinstance(screen, ReadingScreen)
    return str(screen.query_one(StatusLine).render())


def screen_rows(app: App[None], region: Region | None = None) -> list[str]:
    """What the terminal shows, row by row (of ``region`` only, if given): every layer composited.

    Unlike a widget's own ``render_lines``, this is what reaches the terminal, so
    a character blanked where two widgets meet is blank here too.
    """
    strips = app.screen._compositor.render_strips()
    if region is None:
        return [strip.text for strip in strips]
    return [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]
