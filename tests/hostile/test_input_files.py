"""The hostile input corpus (tests/hostile/files/in-*.toml): each file is refused by
`check` naming the file, the line and the field, and by `replay` in every format with
one line on stderr and exit status 2; the valid ones replay in every format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explainer import cli

FILES = Path(__file__).parent / "files"
FORMATS = ("table", "markdown", "json")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# file -> (line, field, words of the message) of its first problem
REFUSED = {
    "in-amount-spaces": (48, "outflows[0].amount", "no sign, spaces or exponent"),
    "in-amount-newline": (48, "outflows[0].amount", "no sign, spaces or exponent"),
    "in-valuation-29-digits": (28, "valuations[0].value", "too many digits"),
    "in-tiny-per": (29, "valuations[0].per", "too many digits"),
    "in-year-9999": (39, "achievements[0].at", "year 9999 is outside 1970-2999"),
    "in-year-0001": (39, "achievements[0].at", "year 1 is outside 1970-2999"),
    "in-id-shell": (5, "id", "'$(touch pwned)' is not a valid id"),
    "in-id-path": (66, "setups[0].id", "'../../etc/passwd' is not a valid id"),
    "in-id-long": (71, "setups[0].keys[0].id", "is not a valid id"),
    "in-url-javascript": (140, "sources.T1.url", "is not an http:// or https:// address"),
    "in-format-2": (4, "format", "must be 1, not 2"),
    "in-control-esc": (6, "title", "control character (U+001B)"),
    "in-control-c1": (35, "domains[0].label", "control character (U+009B)"),
    "in-control-newline-label": (26, "valuations[0].label", "(U+000A) at character 5 (this "
                                                            "field is one line)"),
}
ACCEPTED = ("in-base", "in-bom")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_hostile_file_is_in_the_table():
    on_disk = {p.stem for p in FILES.glob("in-*.toml")}
    assert on_disk == set(REFUSED) | set(ACCEPTED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_check_names_file_line_and_field(capsys, name):
    path = FILES / f"{name}.toml"
    code, out, err = run(capsys, "check", str(path))
    line, field, words = REFUSED[name]
    first = err.splitlines()[0]
    assert code == 2 and out == ""
    assert first.startswith(f"{path}:{line}: {field}: "), first
    assert words in first
    assert not CONTROL.search(err)
    assert all(len(problem) < 400 for problem in err.splitlines())  # 10,000-char ids cut


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_replay_refuses_in_one_line(capsys, name, fmt):
    path = FILES / f"{name}.toml"
    code, out, err = run(capsys, "replay", str(path), "--all", "--format", fmt)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(f"wallet-explainer: {path}:")
    assert not CONTROL.search(err)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ACCEPTED)
def test_valid_files_replay_in_every_format(capsys, name, fmt):
    code, out, err = run(capsys, "replay", str(FILES / f"{name}.toml"), "--all",
                         "--format", fmt)
    assert (code, err) == (0, "")
    assert "Hostile input base" in out


def test_a_byte_order_mark_changes_nothing(capsys):
    with_bom = run(capsys, "replay", str(FILES / "in-bom.toml"), "--format", "json")
    without = run(capsys, "replay", str(FILES / "in-base.toml"), "--format", "json")
    assert (FILES / "in-bom.toml").read_bytes().startswith(b"\xef\xbb\xbf")
    assert with_bom == without
