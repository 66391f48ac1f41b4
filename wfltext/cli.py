"""The ``wfltext`` command line (also ``python -m wfltext``).

Each sub-command lives in its own module under :mod:`wfltext.commands` and exposes ``NAME``,
``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``. Errors of the library become one
line on stderr and the error's documented exit code (docs/errors.md).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from . import commands
from .errors import WfltextError
from .version import __version__

EXIT_INTERRUPTED = 130


def _commands():
    mods = []
    for info in pkgutil.iter_modules(commands.__path__):
        if not info.name.startswith("_"):
            mods.append(importlib.import_module(f"{commands.__name__}.{info.name}"))
    return sorted(mods, key=lambda m: getattr(m, "ORDER", 100))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wfltext",
        description="Chinese Party-mass work reports to structured, traceable records.",
        epilog="Run 'wfltext COMMAND --help' for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"wfltext {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for mod in _commands():
        p = sub.add_parser(
            mod.NAME,
            help=mod.HELP,
            description=mod.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args._run(args) or 0)
    except WfltextError as err:
        print(f"wfltext: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("wfltext: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
