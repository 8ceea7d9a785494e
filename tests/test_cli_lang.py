"""The command line in Japanese: help, argparse's own words, every error and notice, the
loader's problems, ``check --lang ja``, and how the language is chosen (issue 11)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import argparse_messages, cli, i18n
from explainer.cli import COMMANDS, PROG, wrap_cells
from tests.leaks import leaks

ROOT = Path(__file__).resolve().parent.parent
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# What may stay in Latin letters in help: the command names and the values and
# placeholders a person types (option names are skipped by the scanner itself).
TYPED = frozenset({*COMMANDS, "table", "markdown", "json", "scenario", "plan", "COMMAND",
                   "FILE", "HOST", "PORT", "PLAN", "DOMAIN", "FROM", "STEP", "TO"})


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``wallet-explainer ARGV`` in this process: status, stdout, stderr."""
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # --help exits through argparse
        code = exc.code if isinstance(exc.code, int) else 0
    out, err = capsys.readouterr()
    return code, out, err


def message_of(line: str) -> str:
    """A one-line error without its prefix, file and field path (kept as they are)."""
    line = line.removeprefix(f"{PROG}: ")
    line = re.sub(r"^\S+?(:\d+)?: (?:[\w\[\].-]+: )?", "", line, count=1)
    return re.sub(r"'[^']*'", "''", line)  # quoted: a value typed, or one to type


def subprocess_run(args: list[str], env: dict[str, str] | None = None,
                   timeout: int = 120) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in i18n.LOCALE_VARS}
    base.update(env or {})
    return subprocess.run([sys.executable, "-m", "explainer", *args], capture_output=True,
                          text=True, env=base, timeout=timeout, cwd=ROOT)


# --- help -----------------------------------------------------------------------------

@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_reads_as_japanese(command, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    argv = ["--lang", "ja", "--help"] if command is None else [command, "--lang", "ja", "--help"]
    code, out, err = run(argv, capsys)
    assert code == 0 and err == ""
    assert out.startswith("使い方: wallet-explainer")
    assert "オプション:" in out and "このヘルプを表示して終了します" in out
    assert leaks(out, TYPED) == [], out
    # laid out by display width: no line wider than the terminal
    from rich.cells import cell_len

    assert max(cell_len(line) for line in out.splitlines()) <= 80, out


def test_japanese_usage_lines_up_under_its_first_line(capsys, monkeypatch):
    """'使い方: ' is wider on screen than its length: the usage's later lines still start
    under the first option, as in English."""
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "60")
    first, second = run(["replay", "--lang", "ja", "--help"], capsys)[1].splitlines()[:2]
    assert first.startswith("使い方: wallet-explainer replay [")
    assert len(second) - len(second.lstrip()) == cell_len(first[:first.index("[")])


def test_english_help_is_unchanged_in_words(capsys):
    code, out, _ = run(["--help"], capsys)
    assert code == 0 and out.startswith("usage: wallet-explainer")
    assert "show this help message and exit" in out and "positional arguments" in out
    assert not JAPANESE.search(out)


def test_help_follows_the_locale_and_lang_beats_it(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert run(["replay", "--help"], capsys)[1].startswith("使い方:")
    assert run(["replay", "--help", "--lang", "en"], capsys)[1].startswith("usage:")


def test_argparse_messages_lists_every_id_argparse_uses():
    """The ids in explainer/argparse_messages.py are exactly those argparse marks."""
    from babel.messages.extract import extract_python

    with open(argparse.__file__, "rb") as fh:
        marked = [msg for _line, _func, msg, _c in extract_python(
            fh, {"_": None, "ngettext": (1, 2)}, [], {})]
    # a plural comes as (singular, plural, None); '_(variable)' as None
    found = {tuple(x for x in m if x is not None) if isinstance(m, tuple) else m
             for m in marked if m is not None}
    listed = set(argparse_messages.MESSAGES)
    plurals = {("expected %s argument", "expected %s arguments"),
               ("conflicting option string: %s", "conflicting option strings: %s")}
    assert found == listed | plurals


def test_argparse_words_come_from_our_catalog():
    i18n.use("ja")
    for message in argparse_messages.MESSAGES:
        assert argparse._(message) != message, message  # type: ignore[attr-defined]
    assert argparse.ngettext("expected %s argument", "expected %s arguments", 2) \
        == "引数が %s 個必要です"  # type: ignore[attr-defined]
    i18n.use("en")
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


def test_wrap_cells_counts_two_cells_per_wide_character():
    text = "実際の盗難事件を、さまざまな保管構成のもとで再現して学びます (hot wallet)。"
    lines = wrap_cells(text, 20)
    from rich.cells import cell_len

    assert all(cell_len(line) <= 20 for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line.startswith(("、", "。")) for line in lines)
    assert wrap_cells("one two three", 7) == ["one two", "three"]


# --- errors: one Japanese line, status 2 ----------------------------------------------

TOML_BAD = "id = \n"
MISSING_FIELD = 'format = 1\nid = "x"\n'


def _scenario_variant(tmp_path: Path, old: str, new: str) -> str:
    src = (ROOT / "explainer/data/scenarios/coincheck-2018.toml").read_text(encoding="utf-8")
    assert old in src, old
    path = tmp_path / f"variant-{len(list(tmp_path.glob('variant-*')))}.toml"
    path.write_text(src.replace(old, new, 1), encoding="utf-8")
    return str(path)


def _bad_inputs(tmp_path: Path) -> dict[str, list[str]]:
    not_toml = tmp_path / "broken.toml"
    not_toml.write_text("this is = = not toml\n", encoding="utf-8")
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"#" * (1024 * 1024 + 10))
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    missing = tmp_path / "missing.toml"
    missing.write_text(MISSING_FIELD, encoding="utf-8")
    return {
        "unknown id": ["replay", "no-such-incident"],
        "no such file": ["replay", str(tmp_path / "absent.toml")],
        "not TOML": ["replay", str(not_toml)],
        "too large": ["replay", str(huge)],
        "not UTF-8": ["setups", str(binary)],
        "missing field": ["replay", str(missing)],
        "wrong type": ["replay", _scenario_variant(tmp_path, "decimals = 6", 'decimals = "six"')],
        "out of bounds": ["replay", _scenario_variant(tmp_path, "decimals = 6",
                                                      "decimals = 99")],
        "bad reference": ["replay", _scenario_variant(tmp_path, 'domain = "nem-server"',
                                                      'domain = "no-such-place"')],
        "unknown setup": ["replay", "coincheck-2018", "--setup", "no-such-id"],
        "invalid choice": ["replay", "coincheck-2018", "--format", "pdf"],
        "missing argument": ["replay"],
        "unrecognized": ["scenarios", "--bogus"],
        "expected one argument": ["replay", "coincheck-2018", "--setup"],
        "not allowed with": ["replay", "coincheck-2018", "--all", "--setup", "as-run"],
        "sweep range": ["sweep", "coincheck-2018", "--hot-share", "0:x:1", "--freeze-after",
                        "0:1:1"],
        "sweep pairs": ["sweep", "coincheck-2018"],
        "sweep place": ["sweep", "coincheck-2018", "--threshold", "1:2", "--shared", "0:1",
                        "--place", "no-such-place"],
        "neither command nor scenario": ["replya"],
        "cuts setup": ["cuts", "coincheck-2018", "--setup", "no-such-id"],
        "curve scenario": ["curve", "no-such-id"],
        "setups scenario": ["setups", "no-such-id"],
        "matrix extra": ["matrix", "extra-arg"],
        "open no terminal": ["open", "coincheck-2018"],
        "check bad file": ["check", str(not_toml)],
        "schema extra": ["schema", "--format", "json"],
        "present unknown plan": ["present", "no-such-id"],
        "plans extra": ["plans", "extra-arg"],
        "serve port": ["serve", "--port", "0"],
        "serve int": ["serve", "--port", "eighty"],
        "bad lang": ["scenarios", "--lang", "fr"],
        "too many options": ["replay", "coincheck-2018", *["-x"] * 1001],
    }


def test_a_typical_error_of_every_command_is_one_japanese_line(tmp_path, capsys,
                                                                monkeypatch):
    monkeypatch.setattr(cli, "_is_terminal", lambda: False)
    cases = _bad_inputs(tmp_path)
    covered = {argv[0] for argv in cases.values()}
    assert set(COMMANDS) <= covered | {"scenarios"}
    for name, argv in cases.items():
        code, out, err = run([*argv, "--lang", "ja"] if name != "bad lang" else argv, capsys)
        lines = err.strip().splitlines()
        assert code == 2 and len(lines) == 1, (name, err)
        if name == "bad lang":
            continue  # the language asked for is unknown: English, as the locale says
        assert JAPANESE.search(lines[0]), (name, err)
        assert leaks(message_of(lines[0]), TYPED) == [], (name, err)


def test_bad_lang_is_refused_in_the_locales_language(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    code, _, err = run(["scenarios", "--lang", "fr"], capsys)
    assert code == 2 and err.startswith(f"{PROG}: --lang に指定された 'fr' は未対応の言語です")


def test_each_problem_of_check_is_japanese_with_field_paths_kept(tmp_path, capsys):
    path = _scenario_variant(tmp_path, "threshold = 1", "threshold = 3")
    code, _, err = run(["check", path, "--lang", "ja"], capsys)
    assert code == 2
    assert re.search(r"setups\[\d+\]\.wallets\[\d+\]\.threshold: 署名が 3 件必要ですが", err), err
    for line in err.splitlines():
        assert leaks(message_of(line), TYPED | {"key"}) == [], line


def test_english_problems_are_unchanged(tmp_path, capsys):
    path = _scenario_variant(tmp_path, "decimals = 6", "decimals = 99")
    code, _, err = run(["replay", path], capsys)
    assert code == 2 and err.endswith("asset.decimals: should be at most 28, not 99\n"), err


def test_entry_says_a_closed_stdout_in_japanese():
    done = subprocess.run(
        [sys.executable, "-c", "import sys; sys.stdout = None; from explainer.entry import main;"
         " sys.exit(main(['scenarios', '--lang', 'ja']))"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in i18n.LOCALE_VARS})
    assert done.returncode == 1
    assert done.stderr == f"{PROG}: 標準出力が閉じられているため、何も書き込めません\n"


# --- check --lang ja ------------------------------------------------------------------

def test_check_lang_ja_lists_every_bundled_translation(capsys):
    from explainer import loader

    code, out, err = run(["check", "--lang", "ja"], capsys)
    assert code == 0 and err == ""
    for path in loader.bundled_paths():
        assert re.search(rf"^{re.escape(path.stem)}: ", out, re.M), path.stem
    assert re.search(r"^library: ", out, re.M)
    from explainer import plans

    for path in plans.bundled_plans():
        assert re.search(rf"^{re.escape(path.stem)}: ", out, re.M), path.stem
    assert re.search(r"^ja: テキスト \d+ 件のうち \d+ 件が翻訳済み$", out, re.M), out


def test_check_lang_ja_names_each_untranslated_field(tmp_path, capsys, monkeypatch):
    """With one Japanese text removed from a copy of the bundled translations, the listing
    names exactly that field, and the total drops by one."""
    import shutil

    from explainer import paths

    data = tmp_path / "scenarios"
    shutil.copytree(paths.scenarios_dir(), data)
    ja = data / "ja" / "coincheck-2018.toml"
    text = ja.read_text(encoding="utf-8")
    found = re.search(r"(?m)^\[incident\]\n(?:.*\n)*?title = .*\n", text)
    assert found, "the translation names the incident's title"
    ja.write_text(re.sub(r"(?m)^title = .*\n", "", text, count=1), encoding="utf-8")
    monkeypatch.setattr(paths, "scenarios_dir", lambda: data)
    code, out, _ = run(["check", "--lang", "ja"], capsys)
    assert code == 0
    assert "coincheck-2018: 英語のままのテキストが 1 件あります (ja/coincheck-2018.toml)\n" \
           "  incident.title\n" in out, out


def test_check_lang_ja_fails_on_an_invalid_translation(tmp_path, capsys, monkeypatch):
    import shutil

    from explainer import paths

    data = tmp_path / "scenarios"
    shutil.copytree(paths.scenarios_dir(), data)
    ja = data / "ja" / "zaif-2018.toml"
    ja.write_text(ja.read_text(encoding="utf-8") + "\n[facts.no-such-fact]\nlabel = \"x\"\n",
                  encoding="utf-8")
    monkeypatch.setattr(paths, "scenarios_dir", lambda: data)
    code, out, err = run(["check", "--lang", "ja"], capsys)
    assert code == 2
    assert "facts.no-such-fact: 'no-such-fact' は zaif-2018 にありません" in err, err
    assert "coincheck-2018: すべて翻訳済み" in out


def test_check_without_files_in_english_asks_for_one(capsys):
    code, _, err = run(["check"], capsys)
    assert code == 2
    assert err == (f"{PROG}: the following arguments are required: FILE "
                   f"(see '{PROG} check --help')\n")


def test_check_file_validates_a_translation_against_its_scenario(tmp_path, capsys):
    good = tmp_path / "ok.toml"
    good.write_text('format = 1\nlang = "ja"\nscenario = "coincheck-2018"\n\n'
                    '[incident]\ntitle = "コインチェック"\n', encoding="utf-8")
    code, out, err = run(["check", str(good)], capsys)
    assert code == 0 and err == ""
    assert out.startswith(f"{good}: ok\n") and "texts left in English:" in out
    assert "\n  incident.summary\n" in out and "\n  incident.title\n" not in out

    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\nlang = "ja"\nscenario = "coincheck-2018"\n\n'
                   '[facts.nope]\nlabel = "x"\n', encoding="utf-8")
    code, out, err = run(["check", str(bad), "--lang", "ja"], capsys)
    assert code == 2 and out == ""
    assert f"{bad}:5: facts.nope: 'nope' は coincheck-2018 にありません" in err, err

    other = tmp_path / "other.toml"
    other.write_text('format = 1\nlang = "ja"\nscenario = "../etc/passwd"\n', encoding="utf-8")
    code, _, err = run(["check", str(other)], capsys)
    assert code == 2 and f"{other}:3: scenario: '../etc/passwd' is not a bundled scenario" in err


def test_check_file_takes_a_plan_translation(tmp_path, capsys):
    path = tmp_path / "plan-ja.toml"
    path.write_text('format = 1\nlang = "ja"\nplan = "coincheck-20-minutes"\n'
                    'title = "20分でわかるコインチェック"\n', encoding="utf-8")
    code, out, err = run(["check", str(path), "--lang", "ja"], capsys)
    assert code == 0 and err == "", err
    assert out.startswith(f"{path}: 問題なし\n英語のままのテキスト ") and "\n  summary\n" in out
    path.write_text('format = 1\nlang = "ja"\nplan = "no-such-plan"\n', encoding="utf-8")
    code, out, err = run(["check", str(path)], capsys)
    assert code == 2 and out == "" and f"{path}:3: plan: " in err


def test_check_file_takes_the_library_translation(capsys):
    from explainer import paths

    path = paths.scenarios_dir() / "ja" / "library.toml"
    code, out, _ = run(["check", str(path)], capsys)
    assert code == 0 and out == f"{path}: ok\n"


# --- choosing the language from the environment (subprocesses) -------------------------

def _title(lang: str) -> str:
    from explainer import catalog

    i18n.use(lang)
    try:
        return next(i for i in catalog.scenarios() if i.id == "coincheck-2018").title
    finally:
        i18n.use("en")


def test_lang_env_gives_a_japanese_replay_and_lc_all_c_gives_english():
    ja_title, en_title = _title("ja"), _title("en")
    assert ja_title != en_title and JAPANESE.search(ja_title)
    args = ["replay", "coincheck-2018", "--format", "markdown"]
    ja = subprocess_run(args, {"LANG": "ja_JP.UTF-8"})
    assert ja.returncode == 0 and ja_title in ja.stdout and en_title not in ja.stdout
    c = subprocess_run(args, {"LANG": "ja_JP.UTF-8", "LC_ALL": "C"})
    assert c.returncode == 0 and en_title in c.stdout and ja_title not in c.stdout
    # --lang beats the environment, both ways
    en = subprocess_run([*args, "--lang", "en"], {"LANG": "ja_JP.UTF-8"})
    assert en.returncode == 0 and en_title in en.stdout and ja_title not in en.stdout
    forced = subprocess_run([*args, "--lang", "ja"], {"LC_ALL": "C"})
    assert forced.returncode == 0 and ja_title in forced.stdout


def test_lang_env_table_replay_is_japanese():
    done = subprocess_run(["replay", "coincheck-2018"], {"LANG": "ja_JP.UTF-8",
                                                         "COLUMNS": "120"})
    assert done.returncode == 0 and _title("ja") in done.stdout


def test_lang_env_error_is_japanese():
    done = subprocess_run(["replay", "nope"], {"LANG": "ja_JP.UTF-8"})
    assert done.returncode == 2 and "不明なシナリオです" in done.stderr
    done = subprocess_run(["replay", "nope"], {"LANG": "ja_JP.UTF-8", "LC_ALL": "C"})
    assert done.returncode == 2 and "unknown scenario" in done.stderr


def test_the_english_path_loads_no_catalog_and_no_translations():
    """English start-up stays as it was: no catalog read, no translations module, no Babel.
    (argparse itself imports the gettext module at import, in every language.)"""
    probe = ("import sys, runpy\n"
             "sys.argv = ['wallet-explainer', 'replay', 'coincheck-2018', '--format', 'json']\n"
             "from explainer import entry, i18n\n"
             "import io, contextlib\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             "    status = entry.main()\n"
             "assert status == 0, status\n"
             "bad = [m for m in sys.modules if m.startswith(('babel', 'explainer.translations'))]\n"
             "assert not bad, bad\n"
             "assert i18n._catalog == {} and i18n.current() == 'en'\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, cwd=ROOT,
                          env={k: v for k, v in os.environ.items()
                               if k not in i18n.LOCALE_VARS})
    assert done.returncode == 0, done.stderr
