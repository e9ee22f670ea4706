"""``reader completion bash|zsh|fish``: a shell completion script, from argcomplete.

The script calls ``reader`` back with argcomplete's environment set;
:func:`complete` (run by :func:`reader.cli.main` before anything else then)
builds the whole parser and answers: subcommands, options, format names, and
for a ``NAME|PATH`` argument the bundled document names and files.

Install:

* bash: ``eval "$(reader completion bash)"`` in ``~/.bashrc``;
* zsh: ``eval "$(reader completion zsh)"`` in ``~/.zshrc`` (after ``compinit``);
* fish: ``reader completion fish > ~/.config/fish/completions/reader.fish``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.commands import COMMANDS

if TYPE_CHECKING:
    import argparse

SHELLS = ("bash", "zsh", "fish")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``completion`` subcommand."""
    parser = sub.add_parser(
        "completion",
        help=COMMANDS["completion"],
        description="Print a completion script for your shell.",
        epilog='bash: eval "$(reader completion bash)" in ~/.bashrc; zsh: the same in ~/.zshrc; '
        "fish: reader completion fish > ~/.config/fish/completions/reader.fish",
    )
    parser.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print argcomplete's script for ``reader`` in the chosen shell."""
    from reader.errors import ReaderError

    try:
        import argcomplete
    except ImportError as exc:
        raise ReaderError("shell completion needs argcomplete: pip install argcomplete") from exc
    print(argcomplete.shellcode(["reader"], shell=args.shell), end="")
    return 0


def document_names(prefix: str, **_: Any) -> list[str]:
    """Complete a ``NAME|PATH`` argument: the bundled names, then files and folders."""
    from argcomplete.completers import FilesCompleter

    from reader.text.content import bundled_names

    names = [name for name in bundled_names() if name.startswith(prefix)]
    files = [
        f for f in FilesCompleter()(prefix) if f.endswith("/") or f.rsplit(".", 1)[-1] in ("md", "txt", "markdown")
    ]
    return names + files


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell (argcomplete exits the process); give ``NAME|PATH`` arguments :func:`document_names`."""
    import argparse as ap

    import argcomplete

    for action in parser._actions:
        if isinstance(action, ap._SubParsersAction):
            for sub in action.choices.values():
                for argument in sub._actions:
                    if argument.metavar == "NAME|PATH":
                        argument.completer = document_names
    argcomplete.autocomplete(parser)
