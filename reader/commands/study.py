"""``reader study [NAME|PATH]``: review the due cards, full screen, from the keyboard."""

from __future__ import annotations

import argparse

from reader.commands import COMMANDS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``study`` subcommand."""
    parser = sub.add_parser("study", help=COMMANDS["study"])
    parser.add_argument("target", nargs="?", metavar="NAME|PATH", help="only this document's cards")
    parser.add_argument(
        "--limit-new",
        type=_count,
        default=None,
        metavar="N",
        help="new cards per day (default: study.new_cards_per_day in config.yaml, else 20)",
    )
    parser.set_defaults(run=run)


def _count(text: str) -> int:
    """Parse a non-negative integer for ``--limit-new``."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def run(args: argparse.Namespace) -> int:
    """Open the Study screen; print the session summary afterwards."""
    from reader.study.deck import load_deck, utc_now
    from reader.study.review import ReviewSession

    doc_id = None
    if args.target:
        from reader.text.content import resolve_document

        doc_id = resolve_document(args.target).id
    deck = load_deck()
    scope = f" from {doc_id}" if doc_id else ""
    if not deck.cards_for(doc_id):
        print(f"No saved words{scope} yet: press s on a word while reading to save it.")
        return 0
    probe = ReviewSession(deck, doc_id=doc_id, limit_new=args.limit_new)
    if probe.done:
        from reader.study.timefmt import format_when

        print(f"Nothing to review now{scope}; next card due {format_when(probe.summary().next_due, utc_now())}.")
        return 0

    from reader.storage.config import load_config
    from reader.study.timefmt import format_duration
    from reader.ui.study_app import StudyApp

    scheme = load_config().tone_scheme
    summary = StudyApp(doc_id, deck=deck, limit_new=args.limit_new, tone_scheme=scheme).run()
    if summary is not None and summary.reviewed:
        accuracy = "–" if summary.accuracy is None else f"{round(summary.accuracy * 100)}%"
        print(f"Reviewed {summary.reviewed} cards, accuracy {accuracy}, time {format_duration(summary.time_spent)}.")
    return 0
