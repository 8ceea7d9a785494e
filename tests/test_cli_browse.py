"""'wallet-explainer FILE...': files are checked before the app opens; bad input is one line
and exit status 2; the app receives every file, the first one current."""

from __future__ import annotations

import shutil

import pytest

from explainer import cli, paths


def test_an_unknown_word_is_neither_a_command_nor_a_scenario(capsys) -> None:
    assert cli.main(["replya"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "'replya' is neither a command" in err and "replay" in err


def test_a_missing_file_is_one_line_and_status_2(capsys, tmp_path) -> None:
    assert cli.main([str(tmp_path / "nope.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.toml" in err


def test_a_broken_second_file_stops_before_the_app(capsys, tmp_path) -> None:
    good = tmp_path / "good.toml"
    shutil.copy(paths.scenarios_dir() / "zaif-2018.toml", good)
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\nid = 'x'\n", encoding="utf-8")
    assert cli.main([str(good), str(bad)]) == 2
    assert "bad.toml" in capsys.readouterr().err


def test_files_go_to_the_app_in_order(monkeypatch, tmp_path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    shutil.copy(paths.scenarios_dir() / "zaif-2018.toml", first)
    shutil.copy(paths.scenarios_dir() / "bybit-2025.toml", second)
    seen = {}

    def fake_run_app(**kwargs):
        seen.update(kwargs)
        return 0

    import explainer.tui.app as tui_app

    monkeypatch.setattr(cli, "_is_terminal", lambda: True)
    monkeypatch.setattr(tui_app, "run_app", fake_run_app)
    assert cli.main([str(first), str(second)]) == 0
    assert [i.id for i in seen["files"]] == ["zaif-2018", "bybit-2025"]


def test_without_a_terminal_it_says_so(capsys, tmp_path) -> None:
    good = tmp_path / "good.toml"
    shutil.copy(paths.scenarios_dir() / "zaif-2018.toml", good)
    assert cli.main([str(good)]) == 2  # pytest's stdin is not a terminal
    assert "needs a terminal" in capsys.readouterr().err


@pytest.mark.parametrize("word", ["scenarios", "--version"])
def test_commands_and_options_still_parse_as_before(word, capsys) -> None:
    code = None
    try:
        code = cli.main([word])
    except SystemExit as exc:  # --version exits through argparse
        code = exc.code
    assert code == 0
