"""Command line: parse arguments, then print a report or open the terminal app.

The non-interactive commands never import Textual (a test proves it); the app is
imported only when a terminal session is really opened. Every message that quotes a
file or an argument passes ``safe_text.clean`` (``_fail``), so it stays one visible line.
The console script enters through ``explainer.entry``, which guards the imports and the
output streams.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from explainer import __version__, catalog, i18n, loader
from explainer.engine import Replay, replay
from explainer.i18n import N_, _, ngettext
from explainer.loader import ScenarioError
from explainer.model import Incident, Setup
from explainer.safe_text import clean, json_safe

PROG = "wallet-explainer"

# argparse writes its own words ("usage: ", "options", "invalid choice: ...") through the
# module-level names it bound at import with 'from gettext import gettext as _, ngettext'.
# Those would look in a system-wide 'argparse' catalog that nobody ships; pointing them at
# ours puts argparse's words in the reader's language too (and, in English, costs nothing:
# no catalog is loaded). The message ids are listed in explainer/argparse_messages.py so
# that Babel extracts them. Both are looked up when a parser is built or a message written,
# after '_choose_lang', so help and errors follow --lang.
argparse._ = _  # type: ignore[attr-defined]
argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


class UsageError(Exception):
    """Bad arguments: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)  # every subcommand's help too
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # one line instead of usage + message
        raise UsageError(_("{message} (see '{prog} --help')").format(message=message,
                                                                       prog=self.prog))

    def _print_message(self, message: str, file=None) -> None:
        # argparse swallows write errors here: '--help >/dev/full' would lose the help and
        # exit 0; let them reach the entry point's guard instead
        if message:
            (file or sys.stderr).write(message)


def _cells(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


# no line may start with these: they close what came before (kinsoku)
_NO_LINE_START = frozenset("、。，．・：；？！）」』】〕ー々,.;:!?)]")


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` wrapped to ``width`` terminal cells: at spaces, and between any two wide
    (East Asian) characters, since Japanese writes no spaces; a closing mark stays on the
    line of the word it closes."""
    tokens: list[str] = []
    for char in text:
        if char.isspace():
            if tokens and tokens[-1] != " ":
                tokens.append(" ")
        elif _cells(char) == 2 or not tokens or tokens[-1] == " " or _cells(tokens[-1][-1]) == 2:
            tokens.append(char)
        else:
            tokens[-1] += char
    lines: list[str] = []
    line, used = "", 0
    for token in tokens:
        if token == " ":
            if line:
                line, used = line + " ", used + 1
            continue
        size = sum(_cells(c) for c in token)
        if line and used + size > width and token[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _Formatter(argparse.HelpFormatter):
    """argparse's layout, wrapped by display width where a text is not plain ASCII (a
    Japanese character takes two cells, and argparse would wrap by characters at spaces
    Japanese does not have). ASCII help is left to argparse, so English is unchanged."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if text.isascii():
            return super()._split_lines(text, width)
        return wrap_cells(text, max(width, 10))

    def _format_usage(self, usage, actions, groups, prefix) -> str:  # type: ignore[override]
        # argparse indents the usage's later lines by the prefix's length in characters;
        # "使い方: " is 5 characters but 8 cells wide, so they are moved under the first
        shown = _("usage: ") if prefix is None else prefix
        extra = sum(_cells(c) for c in shown) - len(shown)
        if extra <= 0:
            return super()._format_usage(usage, actions, groups, prefix)
        self._width -= extra  # type: ignore[attr-defined]
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += extra  # type: ignore[attr-defined]
        first, *rest = text.split("\n")
        return "\n".join([first, *(" " * extra + line if line.strip() else line
                                    for line in rest)])

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.isascii():
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap_cells(text, max(width - len(indent), 10)))


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description=_(
        "Learn custody security (hot, cold, multisig wallets) by replaying real thefts under "
        "different custody setups. With no command, opens the interactive app in a "
        "terminal; 'wallet-explainer FILE...' opens it on the incident browser with those "
        "scenario files listed."))
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                   help=_("show program's version number and exit"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    scenario_help = _("bundled scenario id or path to a .toml file")
    everything_help = _("the incident's own setups and every library setup")

    s = sub.add_parser("scenarios", help=_("list the bundled incidents"))
    s.add_argument("--format", choices=("table", "json"), default="table")

    s = sub.add_parser("setups", help=_("list the custody setups of a scenario"))
    s.add_argument("scenario", help=scenario_help)
    s.add_argument("--format", choices=("table", "json"), default="table")

    s = sub.add_parser("replay", help=_("replay a theft under one or more setups"))
    s.add_argument("scenario", help=scenario_help)
    g = s.add_mutually_exclusive_group()
    g.add_argument("--setup", action="append", metavar="ID",
                   help=_("setup to replay (repeatable); default: the incident's own setups"))
    g.add_argument("--all", action="store_true",
                   help=everything_help)
    s.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    s.add_argument("--setups", metavar="FILE",
                   help=_("also choose from the setups of FILE (setup-library format); "
                          "with no --setup, replay those"))

    for name, what in (("cuts", N_("which places must fall: theft and lock-out cuts per "
                                   "wallet")),
                       ("curve", N_("what response time buys: loss against the freeze delay"))):
        s = sub.add_parser(name, help=_(what))
        s.add_argument("scenario", help=scenario_help)
        g = s.add_mutually_exclusive_group()
        g.add_argument("--setup", action="append", metavar="ID",
                       help=_("setup to analyse (repeatable); default: the incident's own "
                              "setups, or those of --setups FILE"))
        g.add_argument("--all", action="store_true",
                       help=everything_help)
        s.add_argument("--setups", metavar="FILE",
                       help=_("also choose from the setups of FILE (setup-library format)"))
        s.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    s = sub.add_parser("sweep", help=_("loss over a grid of hot share x freeze delay, or of "
                                       "threshold x keys in the compromised place"))
    s.add_argument("scenario", help=scenario_help)
    s.add_argument("--hot-share", metavar="FROM:TO:STEP",
                   help=_("hot share in percent, e.g. 0:40:1 (with --freeze-after)"))
    s.add_argument("--freeze-after", metavar="FROM:TO:STEP",
                   help=_("freeze delay after the first outflow in minutes, e.g. 0:39:1"))
    s.add_argument("--threshold", metavar="FROM:TO",
                   help=_("thresholds m, e.g. 1:5 (with --shared)"))
    s.add_argument("--shared", metavar="FROM:TO",
                   help=_("how many of the keys sit in the compromised place, e.g. 0:5"))
    s.add_argument("--keys", type=int, metavar="N",
                   help=_("keys per wallet in the threshold sweep (default: the largest "
                          "value)"))
    s.add_argument("--place", metavar="DOMAIN",
                   help=_("the compromised place (default: the incident's hot server)"))
    s.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    s = sub.add_parser("matrix", help=_("every bundled incident under every library setup"))
    s.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    s = sub.add_parser("open", help=_("open the interactive app on a scenario's replay"))
    s.add_argument("scenario", help=scenario_help)
    s.add_argument("--setup", metavar="ID", help=_("setup to start with (default: the first)"))

    s = sub.add_parser("check", help=_("validate scenario files and report every problem"),
                       description=_(
        "Validate scenario, setup-library, lesson-plan and translation files and report "
        "every problem. A translation file is checked against its scenario, and the texts "
        "it leaves in English are listed. With --lang (or a locale) other than English and "
        "no FILE, lists what every bundled scenario and the setup library leave "
        "untranslated."))
    s.add_argument("files", nargs="*", metavar="FILE")

    s = sub.add_parser("schema", help=_("print a JSON Schema of the scenario format"))
    s.add_argument("--plan", action="store_true", help=_("the lesson-plan format instead"))

    s = sub.add_parser("present", help=_("walk a lesson plan on a projector (presenter mode)"))
    s.add_argument("plan", help=_("bundled plan id or path to a plan file"))
    s.add_argument("--notes", action="store_true",
                   help=_("show the presenter notes of a running presentation (second "
                          "terminal)"))
    s.add_argument("--no-notes", action="store_true", help=argparse.SUPPRESS)

    s = sub.add_parser("plans", help=_("list the bundled lesson plans"))

    s = sub.add_parser("serve", help=_("serve the app to browsers (a class), offline"))
    s.add_argument("--host", default="127.0.0.1",
                   help=_("address to listen on (default 127.0.0.1: this machine only; "
                          "another address adds a join token to the link)"))
    s.add_argument("--port", type=int, default=8000, help=_("port to listen on (default 8000)"))
    s.add_argument("--max-sessions", type=int, default=60, metavar="N",
                   help=_("most browser sessions at once (default 60)"))
    s.add_argument("--plan", metavar="PLAN",
                   help=_("each browser follows this lesson plan (without presenter notes)"))

    lang_help = _("language of the output: en or ja (default: from LC_ALL, LC_MESSAGES or "
                  "LANG)")
    p.add_argument("--lang", choices=i18n.LANGS, help=lang_help)
    for command in sub.choices.values():
        # SUPPRESS: a subcommand's default would overwrite '--lang' given before the command
        command.add_argument("--lang", choices=i18n.LANGS, default=argparse.SUPPRESS,
                             help=lang_help)
    return p


def _choose_lang(argv: Sequence[str]) -> None:
    """Set the language before anything is written (help included): the last ``--lang`` in
    ``argv``, else the environment's locale."""
    chosen = None
    for i, token in enumerate(argv):
        if token == "--":
            break
        if token == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif token.startswith("--lang="):
            chosen = token.partition("=")[2]
    if chosen is not None and chosen not in i18n.LANGS:
        i18n.use(i18n.detect())
        raise UsageError(_("unknown language '{lang}' for --lang (choose from {choices})")
                         .format(lang=chosen, choices=", ".join(i18n.LANGS)))
    i18n.use(chosen or i18n.detect())


def _load(ref: str) -> Incident:
    """A scenario by id or path, with its texts in the language in use."""
    incident = loader.load(ref)
    if i18n.current() == i18n.DEFAULT:
        return incident
    from explainer.translations import localize  # only a translated reader needs it

    return localize(incident, i18n.current())


def _out(text: str) -> None:
    sys.stdout.write(text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")  # visited one match at a time, not char by char


def _out_json(text: str) -> None:
    """JSON text, with ``\\u`` escapes for everything a non-UTF-8 stdout cannot encode."""
    from explainer.entry import is_utf

    text = json_safe(text)
    if not is_utf(sys.stdout):
        # outside strings JSON is ASCII, so escaping each other character is lossless
        text = _NON_ASCII.sub(lambda m: _json_escape(m.group()), text)
    _out(text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _console():
    from rich.console import Console  # only the table outputs need Rich

    from explainer.report.tables import MIN_WIDTH

    console = Console(highlight=False, soft_wrap=False)
    if console.width < MIN_WIDTH:  # COLUMNS=0 or a tiny terminal: lines the terminal wraps
        console = Console(highlight=False, soft_wrap=False, width=MIN_WIDTH)
    return console


def _select(incident: Incident, ids: Sequence[str] | None, everything: bool,
            extra: Sequence[Setup] = ()):
    """The setups a command works on; ``extra`` (from ``--setups FILE``) come first in
    the choice and are the default when given."""
    if everything:
        return [*catalog.setups_for(incident), *extra]
    if not ids:
        return list(extra) if extra else list(incident.setups)
    chosen = []
    candidates = [*extra, *catalog.setups_for(incident)]
    for ident in dict.fromkeys(ids):  # a repeated --setup is replayed once, first place kept
        try:
            chosen.append(catalog.find_setup(incident, ident, candidates))
        except catalog.UnknownSetup as exc:
            raise UsageError(str(exc)) from None
    return chosen


def _file_setups(incident: Incident, name: str | None) -> list[Setup]:
    """The setups of a setup-library file, mapped onto the incident (none without a file)."""
    if name is None:
        return []
    from dataclasses import replace

    from explainer.engine import instantiate

    domains, setups = loader.load_library(name)
    # mapped like library setups, then marked as the user's own
    return [replace(instantiate(s, incident, domains), origin="file") for s in setups]


def _chosen(args: argparse.Namespace) -> tuple[Incident, list[Setup]]:
    incident = _load(args.scenario)
    extra = _file_setups(incident, getattr(args, "setups", None))
    return incident, _select(incident, args.setup, args.all, extra)


def cmd_scenarios(args: argparse.Namespace) -> int:
    incidents = catalog.scenarios()
    if args.format == "json":
        _out_json(_dumps([{"id": i.id, "title": i.title, "date": i.date, "venue": i.venue,
                           "asset": i.asset.symbol} for i in incidents]))
        return 0
    from explainer.report.tables import scenarios_table

    console = _console()
    console.print(scenarios_table([(i.id, i.title, i.date) for i in incidents], console.width))
    return 0


def cmd_setups(args: argparse.Namespace) -> int:
    incident = _load(args.scenario)
    setups = catalog.setups_for(incident)
    if args.format == "json":
        _out_json(_dumps([{"id": s.id, "label": s.label, "origin": s.origin,
                           "summary": s.summary} for s in setups]))
        return 0
    from explainer.report.tables import setups_table

    console = _console()
    console.print(setups_table(incident, setups, console.width))
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    incident, setups = _chosen(args)
    if args.format == "json":
        from explainer.report import jsonout

        # one setup at a time: each replay's events are written and let go before the next
        for chunk in jsonout.chunks(incident, (replay(incident, s) for s in setups)):
            _out_json(chunk)
        return 0
    replays: list[Replay] = [replay(incident, s) for s in setups]
    if args.format == "markdown":
        from explainer.report import markdown

        for chunk in markdown.chunks(incident, replays):  # one timeline at a time
            _out(chunk)
    else:
        from explainer.report.tables import report

        console = _console()
        console.print(report(incident, replays, console.width))
    return 0


def _show(args: argparse.Namespace, document, markdown, table) -> int:
    """Print one of the three formats, importing only what that format needs."""
    if args.format == "json":
        _out_json(_dumps(document()))
    elif args.format == "markdown":
        _out(markdown())
    else:
        _console().print(table())
    return 0


def cmd_cuts(args: argparse.Namespace) -> int:
    from explainer.analysis import TooManyDomains, lockout_cuts, theft_cuts
    from explainer.analysis.places import theft_domains
    from explainer.report import analysis as words

    incident, setups = _chosen(args)
    try:
        results = [words.SetupCuts(s, len(theft_domains(s)), theft_cuts(incident, s),
                                   lockout_cuts(incident, s)) for s in setups]
    except TooManyDomains as exc:
        raise UsageError(str(exc)) from None

    def table():
        from explainer.report.analysis_tables import cuts_tables

        return cuts_tables(incident, results)

    return _show(args, lambda: words.cuts_document(incident, results),
                 lambda: words.cuts_markdown(incident, results), table)


def cmd_curve(args: argparse.Namespace) -> int:
    from explainer.analysis import response_curve
    from explainer.report import analysis as words

    incident, setups = _chosen(args)
    curves = [(s, response_curve(incident, s)) for s in setups]

    def table():
        from explainer.report.analysis_tables import curve_tables

        return curve_tables(incident, curves)

    return _show(args, lambda: words.curve_document(incident, curves),
                 lambda: words.curve_markdown(incident, curves), table)


MAX_AXIS = 200  # values per axis of a sweep: a bigger grid is a typo, not a question


def _range(text: str, flag: str, stepped: bool) -> list[Decimal]:
    """'0:40:1' (or 'FROM:TO' for integer axes) as the values from FROM to TO inclusive."""
    parts = text.split(":")
    want = "FROM:TO:STEP" if stepped else "FROM:TO"
    if len(parts) != (3 if stepped else 2):
        raise UsageError(_("{flag} takes {form}, not '{text}'").format(flag=flag, form=want,
                                                                        text=text))
    try:
        nums = [Decimal(p.strip()) for p in parts]
    except ArithmeticError:
        raise UsageError(_("{flag} takes numbers as {form}, not '{text}'").format(
            flag=flag, form=want, text=text)) from None
    if not all(n.is_finite() for n in nums):
        raise UsageError(_("{flag} takes finite numbers, not '{text}'").format(flag=flag,
                                                                                text=text))
    start, stop = nums[0], nums[1]
    step = nums[2] if stepped else Decimal(1)
    if not stepped and not all(n == n.to_integral_value() for n in nums):
        raise UsageError(_("{flag} takes whole numbers, not '{text}'").format(flag=flag,
                                                                               text=text))
    if step <= 0:
        raise UsageError(_("{flag}: the step must be more than 0, not {step}").format(
            flag=flag, step=step))
    if stop < start:
        raise UsageError(_("{flag}: {stop} is below {start}").format(flag=flag, stop=stop,
                                                                      start=start))
    count = int((stop - start) / step) + 1
    if count > MAX_AXIS:
        raise UsageError(_("{flag} gives {count} values; at most {most} per axis").format(
            flag=flag, count=count, most=MAX_AXIS))
    return [start + i * step for i in range(count)]


def cmd_sweep(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from explainer.analysis import SweepError, sweep_hot_freeze, sweep_threshold
    from explainer.report import analysis as words

    hot_freeze = args.hot_share is not None or args.freeze_after is not None
    threshold = args.threshold is not None or args.shared is not None
    if hot_freeze == threshold:
        raise UsageError(_("give either --hot-share and --freeze-after, or --threshold and "
                           "--shared"))
    incident = _load(args.scenario)
    try:
        if hot_freeze:
            if args.hot_share is None or args.freeze_after is None:
                raise UsageError(_("--hot-share and --freeze-after go together"))
            if args.keys is not None:
                raise UsageError(_("--keys belongs to the threshold sweep"))
            shares = _range(args.hot_share, "--hot-share", True)
            if shares[0] < 0 or shares[-1] > 100:
                raise UsageError(_("--hot-share is a percentage from 0 to 100"))
            minutes = _range(args.freeze_after, "--freeze-after", True)
            if minutes[0] < 0 or minutes[-1] > 60 * 24 * 366:
                raise UsageError(_("--freeze-after is in minutes, from 0 to a year"))
            grid = sweep_hot_freeze(incident, [s / 100 for s in shares],
                                    [timedelta(minutes=float(m)) for m in minutes],
                                    place=args.place)
        else:
            if args.threshold is None or args.shared is None:
                raise UsageError(_("--threshold and --shared go together"))
            ms = [int(m) for m in _range(args.threshold, "--threshold", False)]
            shared = [int(s) for s in _range(args.shared, "--shared", False)]
            if ms[0] < 1 or shared[0] < 0:
                raise UsageError(_("thresholds start at 1 and shared counts at 0"))
            if args.keys is not None and not 1 <= args.keys <= MAX_AXIS:
                raise UsageError(_("--keys must be from 1 to {most}").format(most=MAX_AXIS))
            if max(*ms, *shared, args.keys or 0) > MAX_AXIS:
                raise UsageError(_("at most {most} keys per wallet").format(most=MAX_AXIS))
            grid = sweep_threshold(incident, ms, shared, keys=args.keys, place=args.place)
    except SweepError as exc:
        raise UsageError(str(exc)) from None

    def table():
        from explainer.report.analysis_tables import sweep_table

        return sweep_table(incident, grid)

    return _show(args, lambda: words.sweep_document(incident, grid),
                 lambda: words.sweep_markdown(incident, grid), table)


def cmd_matrix(args: argparse.Namespace) -> int:
    from explainer.report import matrix

    grid = matrix.build(catalog.scenarios())
    if args.format == "json":
        _out_json(_dumps(matrix.document(grid)))
    elif args.format == "markdown":
        _out(matrix.markdown(grid))
    else:
        from explainer.report.tables import matrix_table

        console = _console()
        console.print(matrix_table(grid, console.width))
    return 0


# a translation file starts with its header: lang = "ja" and scenario = "<id>"
_TRANSLATION_KEYS = (re.compile(r"(?m)^\s*lang\s*="), re.compile(r"(?m)^\s*scenario\s*="))


def _problems(name: str) -> tuple[list, list[str] | None]:
    """Every problem with a scenario, setup-library, lesson-plan or translation file; for
    a translation, also the field paths it leaves in English (None for other files)."""
    from explainer import plans

    try:
        with open(name, "rb") as fh:
            head = fh.read(loader.MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        head = ""  # the loader says what is wrong with it
    if plans.looks_like_plan(head):
        return plans.check_file(name), None
    if plans.looks_like_translation(head):
        return _plan_translation_problems(name)
    if all(key.search(head) for key in _TRANSLATION_KEYS):
        return _translation_problems(name)
    return loader.check_file(name), None


def _translation_problems(name: str) -> tuple[list, list[str] | None]:
    """A translation file checked against the bundled scenario (or library) it names."""
    from explainer import paths, translations
    from explainer.scenario_io.lines import find_line, line_index
    from explainer.scenario_io.problems import Problem, shown
    from explainer.scenario_io.shape import is_id

    try:
        data, text = translations.read(name)
    except ScenarioError as exc:
        return exc.problems, None
    target = data.get("scenario")
    if target == translations.LIBRARY:
        domains, setups = loader.load_library()
        return (translations.check_library(domains, setups, data, text, name),
                translations.untranslated_library(domains, setups, data))
    if not (is_id(target) and (paths.scenarios_dir() / f"{target}.toml").is_file()):
        known = ", ".join([p.stem for p in loader.bundled_paths()] + [translations.LIBRARY])
        message = _("'{id}' is not a bundled scenario (translations are of: {known})").format(
            id=shown(str(target)), known=known)
        return [Problem(name, find_line(line_index(text), "scenario"), "scenario", message)], None
    incident = loader.load_incident(paths.scenarios_dir() / f"{target}.toml")  # in English
    return (translations.check(incident, data, text, name),
            translations.untranslated(incident, data))


def _plan_translation_problems(name: str) -> tuple[list, list[str] | None]:
    """A lesson plan's translation checked against the bundled plan it names."""
    from explainer import plans, translations

    problems = plans.check_translation_file(name)
    if problems:
        return problems, None
    data, _text = translations.read(name)
    english = plans._read(plans.plans_dir() / f"{data['plan']}.toml")[1]
    return [], plans.untranslated(english, data)


def _print_untranslated(missing: Sequence[str]) -> None:
    for field in missing:
        print(f"  {clean(field)}")


def cmd_check(args: argparse.Namespace) -> int:
    if not args.files:
        if i18n.current() == i18n.DEFAULT:
            raise UsageError(_("{message} (see '{prog} --help')").format(
                message=_("the following arguments are required: %s") % "FILE",
                prog=f"{PROG} check"))
        return _check_bundled_translations(i18n.current())
    bad = 0
    for name in args.files:
        problems, missing = _problems(name)
        if problems:
            bad += 1
            for problem in problems:
                print(clean(str(problem)), file=sys.stderr)
            continue
        print(_("{file}: ok").format(file=clean(name)))
        if missing:
            print(ngettext("{count} text left in English:", "{count} texts left in English:",
                           len(missing)).format(count=len(missing)))
            _print_untranslated(missing)
    return 2 if bad else 0


def _check_bundled_translations(lang: str) -> int:
    """``check --lang LANG`` with no file: every bundled scenario's translation and the
    library's, checked, and what each leaves in English listed. Status 2 only if a
    translation file is invalid (a text left in English falls back, so it is no error)."""
    from explainer import translations

    bad = done = total = 0
    for ident, path in [*((p.stem, p) for p in loader.bundled_paths()),
                        (translations.LIBRARY, None)]:
        if path is None:
            domains, setups = loader.load_library()
            fields = translations.library_targets(domains, setups)
        else:
            incident = loader.load_incident(path)
            fields = translations.targets(incident)
        count = sum(len(texts) for texts in fields.values())
        total += count
        found = translations.bundled_file(lang, ident)
        if found is None:
            print(ngettext("{id}: no translation into {lang}; its {count} text stays in English",
                           "{id}: no translation into {lang}; its {count} texts stay in English",
                           count).format(id=ident, lang=lang, count=count))
            continue
        data, text = translations.read(found)
        if path is None:
            problems = translations.check_library(domains, setups, data, text, str(found))
            missing = translations.untranslated_library(domains, setups, data)
        else:
            problems = translations.check(incident, data, text, str(found))
            missing = translations.untranslated(incident, data)
        if problems:
            bad += 1
            for problem in problems:
                print(clean(str(problem)), file=sys.stderr)
            continue
        done += count - len(missing)
        where = f"{lang}/{found.name}"
        if not missing:
            print(_("{id}: every text translated ({file})").format(id=ident, file=where))
            continue
        print(ngettext("{id}: {count} text left in English ({file})",
                       "{id}: {count} texts left in English ({file})",
                       len(missing)).format(id=ident, count=len(missing), file=where))
        _print_untranslated(missing)
    plan_bad, plan_done, plan_total = _check_bundled_plan_translations(lang)
    print(_("{lang}: {done} of {total} texts translated").format(
        lang=lang, done=done + plan_done, total=total + plan_total))
    return 2 if bad or plan_bad else 0


def _check_bundled_plan_translations(lang: str) -> tuple[int, int, int]:
    """The bundled lesson plans' translations into ``lang``, as for scenarios above:
    (invalid files, texts translated, texts in all)."""
    from explainer import plans

    bad = done = total = 0
    missing_by_plan = plans.untranslated_bundled(lang)
    for path in plans.bundled_plans():
        ident = path.stem
        count = len(plans.untranslated(plans._read(path)[1], {}))
        total += count
        found = plans.translation_file(ident, lang)
        if found is None:
            print(ngettext("{id}: no translation into {lang}; its {count} text stays in English",
                           "{id}: no translation into {lang}; its {count} texts stay in English",
                           count).format(id=ident, lang=lang, count=count))
            continue
        problems = plans.check_translation_file(found)
        if problems:
            bad += 1
            for problem in problems:
                print(clean(str(problem)), file=sys.stderr)
            continue
        missing = missing_by_plan.get(ident, [])
        done += count - len(missing)
        where = f"plans/{lang}/{found.name}"
        if not missing:
            print(_("{id}: every text translated ({file})").format(id=ident, file=where))
            continue
        print(ngettext("{id}: {count} text left in English ({file})",
                       "{id}: {count} texts left in English ({file})",
                       len(missing)).format(id=ident, count=len(missing), file=where))
        _print_untranslated(missing)
    return bad, done, total


def cmd_schema(args: argparse.Namespace) -> int:
    if args.plan:
        from explainer.plans import json_schema
    else:
        from explainer.schema import json_schema
    _out_json(json.dumps(json_schema(), indent=2) + "\n")
    return 0


def cmd_plans(args: argparse.Namespace) -> int:
    from explainer import plans

    for path in plans.bundled_plans():
        plan = plans.load(str(path))
        line = ngettext("{id}  {title} ({steps} step, {minutes} min)",
                        "{id}  {title} ({steps} steps, {minutes} min)", len(plan.steps))
        _out(clean(line.format(id=plan.id, title=plan.title, steps=len(plan.steps),
                               minutes=f"{plan.planned_minutes:g}")) + "\n")
    return 0


def cmd_present(args: argparse.Namespace) -> int:
    from explainer import plans

    plan = plans.load(args.plan)
    if not _is_terminal():
        raise UsageError(_("presenter mode needs a terminal on stdin and stdout"))
    if args.notes:
        from explainer.tui.notes_app import run_notes

        return run_notes(plan)
    from explainer.tui.app import run_app

    return run_app(plan=plan, notes=not args.no_notes)


# textual-serve runs each browser tab's app over pipes with this driver: a terminal in all
# but name, so the app may start there (and only there) without a tty.
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def _is_terminal() -> bool:
    if os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER:
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def _needs_terminal() -> UsageError:
    return UsageError(_("the interactive app needs a terminal on stdin and stdout; for scripted "
                        "output use '{prog} replay SCENARIO' (see '{prog} --help')"
                        ).format(prog=PROG))


def cmd_open(args: argparse.Namespace | None) -> int:
    scenario = getattr(args, "scenario", None)
    setup = getattr(args, "setup", None)
    incident = None
    if scenario is not None:
        incident = loader.load(scenario)  # in English: the app translates it (again on 'L')
        if setup is not None:
            _select(incident, [setup], False)
    if not _is_terminal():
        raise _needs_terminal()
    from explainer.tui.app import run_app  # Textual is imported only here

    return run_app(incident=incident, setup_id=setup)


def _looks_like_file(ref: str) -> bool:
    return ref.endswith(".toml") or os.sep in ref or "/" in ref or os.path.exists(ref)


def cmd_browse(refs: Sequence[str]) -> int:
    """``wallet-explainer FILE...``: the app's incident browser with these files listed."""
    incidents = []
    for ref in refs:
        try:
            incidents.append(loader.load(ref))  # in English: the app translates them
        except ScenarioError:
            if len(refs) == 1 and not _looks_like_file(ref):
                raise UsageError(_("'{ref}' is neither a command ({commands}) nor a scenario "
                                   "(see '{prog} --help' and '{prog} scenarios')").format(
                    ref=ref, commands=", ".join(COMMANDS), prog=PROG)) from None
            raise
    if not _is_terminal():
        raise _needs_terminal()
    from explainer.tui.app import run_app  # Textual is imported only here

    return run_app(files=incidents)


def cmd_serve(args: argparse.Namespace) -> int:
    from explainer import serve  # aiohttp and textual-serve only for this command

    app_args: tuple[str, ...] = ()
    if args.plan:
        from explainer import plans

        plan = plans.load(args.plan)  # refused here, not in every student's tab
        app_args = ("present", plan.path, "--no-notes")
    if i18n.current() != i18n.DEFAULT:  # each tab's app opens in the server's language
        app_args = ("--lang", i18n.current(), *app_args)
    try:
        options = serve.ServeOptions.make(args.host, args.port, args.max_sessions, app_args)
        return serve.serve(options)
    except serve.ServeError as exc:
        raise UsageError(str(exc)) from None


COMMANDS = {"scenarios": cmd_scenarios, "setups": cmd_setups, "replay": cmd_replay,
            "check": cmd_check, "schema": cmd_schema, "open": cmd_open, "matrix": cmd_matrix,
            "serve": cmd_serve, "present": cmd_present, "plans": cmd_plans,
            "cuts": cmd_cuts, "curve": cmd_curve, "sweep": cmd_sweep}


MAX_OPTIONS = 1000  # argparse takes time quadratic in the number of options given


def _drop_repeats(argv: list[str]) -> list[str]:
    """``argv`` without repeats of ``--setup ID`` (kept where first given), before parsing.

    A repeated setup is replayed once anyway (``_select``); dropping it here also keeps
    argparse, whose time grows with the square of the options given, fast on a
    generated command line.
    """
    out: list[str] = []
    seen: set[str] = set()
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":  # everything after it is positional
            return out + argv[i:]
        if token == "--setup" and i + 1 < len(argv):
            pair, step = argv[i + 1], 2
        elif token.startswith("--setup="):
            pair, step = token[len("--setup="):], 1
        else:
            out.append(token)
            i += 1
            continue
        if pair not in seen:
            seen.add(pair)
            out += argv[i:i + step]
        i += step
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``wallet-explainer``; returns the exit status."""
    try:
        argv = _drop_repeats(list(sys.argv[1:] if argv is None else argv))
        _choose_lang(argv)  # first: every message after this is in the reader's language
        options = sum(1 for a in argv if a.startswith("-"))
        if options > MAX_OPTIONS:
            raise UsageError(_("too many options ({count}; at most {most})").format(
                count=f"{options:,}", most=f"{MAX_OPTIONS:,}"))
        parser = _parser()
        if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
            return cmd_browse(argv)  # 'wallet-explainer FILE...'
        args = parser.parse_args(argv)
        if args.command is None:
            if not _is_terminal():
                parser.print_help()
            return cmd_open(None)
        return COMMANDS[args.command](args)
    except (UsageError, ScenarioError) as exc:
        # the message may quote argv or the file: one visible line, no control characters
        print(f"{PROG}: {clean(str(exc))}", file=sys.stderr)
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
