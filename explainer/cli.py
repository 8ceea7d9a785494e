"""Command line: parse arguments, then print a report or open the terminal app.

The non-interactive commands never import Textual (a test proves it); the app is
imported only when a terminal session is really opened.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from explainer import __version__, catalog, loader
from explainer.engine import Replay, replay
from explainer.loader import ScenarioError
from explainer.model import Incident

PROG = "wallet-explainer"


class UsageError(Exception):
    """Bad arguments: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line instead of usage + message
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="Learn custody security (hot, cold, multisig wallets) by "
                "replaying real thefts under different custody setups. With no command, "
                "opens the interactive app in a terminal.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    s = sub.add_parser("scenarios", help="list the bundled incidents")
    s.add_argument("--format", choices=("table", "json"), default="table")

    s = sub.add_parser("setups", help="list the custody setups of a scenario")
    s.add_argument("scenario", help="bundled scenario id or path to a .toml file")
    s.add_argument("--format", choices=("table", "json"), default="table")

    s = sub.add_parser("replay", help="replay a theft under one or more setups")
    s.add_argument("scenario", help="bundled scenario id or path to a .toml file")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--setup", action="append", metavar="ID",
                   help="setup to replay (repeatable); default: the incident's own setups")
    g.add_argument("--all", action="store_true",
                   help="the incident's own setups and every library setup")
    s.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    s = sub.add_parser("matrix", help="every bundled incident under every library setup")
    s.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    s = sub.add_parser("open", help="open the interactive app on a scenario's replay")
    s.add_argument("scenario", help="bundled scenario id or path to a .toml file")
    s.add_argument("--setup", metavar="ID", help="setup to start with (default: the first)")

    s = sub.add_parser("check", help="validate scenario files and report every problem")
    s.add_argument("files", nargs="+", metavar="FILE")

    sub.add_parser("schema", help="print a JSON Schema of the scenario format")

    s = sub.add_parser("serve", help="serve the app to browsers (a class), offline")
    s.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only; another "
                   "address adds a join token to the link)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    s.add_argument("--max-sessions", type=int, default=60, metavar="N",
                   help="most browser sessions at once (default 60)")
    return p


def _out(text: str) -> None:
    sys.stdout.write(text)


def _console():
    from rich.console import Console  # only the table outputs need Rich

    return Console(highlight=False, soft_wrap=False)


def _select(incident: Incident, ids: Sequence[str] | None, everything: bool):
    if everything:
        return catalog.setups_for(incident)
    if not ids:
        return list(incident.setups)
    chosen = []
    for ident in ids:
        try:
            chosen.append(catalog.find_setup(incident, ident))
        except KeyError:
            known = ", ".join(s.id for s in catalog.setups_for(incident))
            raise UsageError(f"{incident.id} has no setup '{ident}' (setups: {known})") from None
    return chosen


def cmd_scenarios(args: argparse.Namespace) -> int:
    incidents = catalog.scenarios()
    if args.format == "json":
        _out(json.dumps([{"id": i.id, "title": i.title, "date": i.date, "venue": i.venue,
                          "asset": i.asset.symbol} for i in incidents], indent=2,
                        ensure_ascii=False) + "\n")
        return 0
    from explainer.report.tables import scenarios_table

    _console().print(scenarios_table([(i.id, i.title, i.date) for i in incidents]))
    return 0


def cmd_setups(args: argparse.Namespace) -> int:
    incident = loader.load(args.scenario)
    setups = catalog.setups_for(incident)
    if args.format == "json":
        _out(json.dumps([{"id": s.id, "label": s.label, "origin": s.origin,
                          "summary": s.summary} for s in setups], indent=2,
                        ensure_ascii=False) + "\n")
        return 0
    from explainer.report.tables import setups_table

    _console().print(setups_table(incident, setups))
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    incident = loader.load(args.scenario)
    replays: list[Replay] = [replay(incident, s) for s in _select(incident, args.setup, args.all)]
    if args.format == "json":
        from explainer.report import jsonout

        _out(jsonout.render(incident, replays))
    elif args.format == "markdown":
        from explainer.report import markdown

        _out(markdown.render(incident, replays))
    else:
        from explainer.report.tables import report

        console = _console()
        console.print(report(incident, replays, console.width))
    return 0


def cmd_matrix(args: argparse.Namespace) -> int:
    from explainer.report import matrix

    grid = matrix.build(catalog.scenarios())
    if args.format == "json":
        _out(json.dumps(matrix.document(grid), indent=2, ensure_ascii=False) + "\n")
    elif args.format == "markdown":
        _out(matrix.markdown(grid))
    else:
        from explainer.report.tables import matrix_table

        _console().print(matrix_table(grid))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    bad = 0
    for name in args.files:
        problems = loader.check_file(name)
        if problems:
            bad += 1
            for problem in problems:
                print(problem, file=sys.stderr)
        else:
            print(f"{name}: ok")
    return 2 if bad else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from explainer.schema import json_schema

    _out(json.dumps(json_schema(), indent=2) + "\n")
    return 0


# textual-serve runs each browser tab's app over pipes with this driver: a terminal in all
# but name, so the app may start there (and only there) without a tty.
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def _is_terminal() -> bool:
    if os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER:
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def cmd_open(args: argparse.Namespace | None) -> int:
    scenario = getattr(args, "scenario", None)
    setup = getattr(args, "setup", None)
    incident = None
    if scenario is not None:
        incident = loader.load(scenario)
        if setup is not None:
            _select(incident, [setup], False)
    if not _is_terminal():
        raise UsageError("the interactive app needs a terminal on stdin and stdout; for "
                         f"scripted output use '{PROG} replay SCENARIO' (see '{PROG} --help')")
    from explainer.tui.app import run_app  # Textual is imported only here

    return run_app(incident=incident, setup_id=setup)


def cmd_serve(args: argparse.Namespace) -> int:
    from explainer import serve  # aiohttp and textual-serve only for this command

    try:
        options = serve.ServeOptions.make(args.host, args.port, args.max_sessions)
        return serve.serve(options)
    except serve.ServeError as exc:
        raise UsageError(str(exc)) from None


COMMANDS = {"scenarios": cmd_scenarios, "setups": cmd_setups, "replay": cmd_replay,
            "check": cmd_check, "schema": cmd_schema, "open": cmd_open, "matrix": cmd_matrix,
            "serve": cmd_serve}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``wallet-explainer``; returns the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            if not _is_terminal():
                parser.print_help()
            return cmd_open(None)
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except ScenarioError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader went away (e.g. '| head'); stop quietly without a traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
