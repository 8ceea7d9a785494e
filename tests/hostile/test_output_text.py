"""Text from a file or argv is shown literally in every output, never obeyed.

Each test holds whether or not the loader refuses control characters: a refused file
must give exit 2 and one line, an accepted one must show its sequences visibly.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from explainer import cli, safe_text
from explainer.engine import replay
from explainer.report import jsonout, markdown, tables

from .output_poison import (
    CONTROL_FILE,
    HOSTILE,
    LINK_MARKUP,
    MARKUP_FILE,
    assert_no_raw_controls,
    poisoned,
    run_cli,
)

FORMATS = ("table", "markdown", "json")
_MD_LINK = re.compile(r"(?<!\\)\]\(javascript:")  # an unescaped "](" would make a link


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- the guard itself -------------------------------------------------------------------------

def test_clean_shows_every_control_character_visibly():
    assert safe_text.clean("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert safe_text.clean("\x07\x7f\x9b\u202e\u2028") == "\\x07\\x7f\\x9b\\u202e\\u2028"
    assert safe_text.clean("line\nnext\ttab") == "line\\x0anext\\x09tab"
    assert safe_text.clean("line\r\nnext\ttab", multiline=True) == "line\nnext\ttab"
    assert safe_text.clean("\udcff") == "\\udcff"  # an undecodable argv byte
    assert safe_text.clean("¥58.4 bn, 日本, emoji 🙂") == "¥58.4 bn, 日本, emoji 🙂"


@given(st.text())
def test_clean_leaves_no_control_character_and_is_stable(text):
    for multiline in (False, True):
        shown = safe_text.clean(text, multiline=multiline)
        assert_no_raw_controls(shown)
        assert safe_text.clean(shown, multiline=multiline) == shown
        if not multiline:
            assert "\n" not in shown


def test_rich_text_is_never_markup():
    text = safe_text.rich_text(f"[/] {LINK_MARKUP} [bold]x[/bold]")
    assert text.plain == f"[/] {LINK_MARKUP} [bold]x[/bold]"
    assert not text.spans


def test_markdown_escapes_links_html_emphasis_and_block_syntax():
    shown = safe_text.markdown("# h [t](javascript:x) <script> *a* _b_ | ~c~ `d` &amp;")
    assert shown == ("\\# h \\[t\\](javascript:x) \\<script\\> \\*a\\* \\_b\\_ \\| \\~c\\~ "
                     "\\`d\\` \\&amp;")
    assert safe_text.markdown("1. one\n- two\n> three", multiline=True) == \
        "1\\. one\n\\- two\n\\> three"
    assert safe_text.markdown("Morrison & Foerster (2020)") == "Morrison & Foerster (2020)"


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/a?b=1#c", True), ("http://example.org", True),
    ("HTTPS://example.org", True), ("javascript:alert(1)", False), ("file:///etc/passwd", False),
    ("data:text/html,x", False), ("https://", False), ("https://ex ample.org", False),
    ("https://example.org/\x1b]8;;", False), ("https://example.org/<x>", False),
    ("//example.org", False), ("", False), (None, False), ("http://[::1", False),
])
def test_only_http_and_https_urls_become_links(url, ok):
    assert safe_text.web_url(url) == (url if ok else None)


def test_json_safe_escapes_c1_and_del_without_changing_the_data():
    data = {"title": "a\x9b31m\x7f\x1b b\u2028"}
    text = safe_text.json_safe(json.dumps(data, ensure_ascii=False))
    assert_no_raw_controls(text)
    assert json.loads(text) == data


# --- the command line on the hostile files -----------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_markup_from_a_file_is_shown_literally(capsys, fmt):
    code, out, err = _run(capsys, "replay", str(MARKUP_FILE), "--format", fmt)
    assert (code, err) == (0, "")
    assert "\x1b]8;" not in out  # no OSC 8 hyperlink
    if fmt == "table":
        assert LINK_MARKUP in out and "[/]" in out
    elif fmt == "markdown":
        assert "\\[link=http://example.invalid\\]click\\[/link\\]" in out
        assert "\\<script\\>" in out and "<script>" not in out
        assert not _MD_LINK.search(out) and "<javascript:" not in out
        assert "<https://example.invalid/source>" in out  # an http(s) address is a link
    else:
        assert json.loads(out)["title"].endswith(LINK_MARKUP)


def test_markup_in_setup_labels_is_listed_literally(capsys):
    code, out, err = _run(capsys, "setups", str(MARKUP_FILE))
    assert (code, err) == (0, "")
    assert re.search(r"as-run\s+\[/\]", out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_escape_sequences_in_a_file_never_reach_the_terminal(fmt):
    done = run_cli("replay", str(CONTROL_FILE), "--format", fmt)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert_no_raw_controls(out, err)
    assert done.returncode in (0, 2)
    if done.returncode == 2:  # the loader refused the file: one line says why
        assert out == "" and len(err.splitlines()) == 1
    else:
        assert err == ""
        assert "\\x1b" in out if fmt != "json" else json.loads(out)["title"].startswith("Title")


def test_check_never_echoes_escape_sequences():
    done = run_cli("check", str(CONTROL_FILE))
    assert_no_raw_controls(done.stdout.decode(), done.stderr.decode())
    assert done.returncode in (0, 2)
    assert b"Traceback" not in done.stderr


def test_a_file_name_with_escape_sequences_is_echoed_visibly(capsys, tmp_path):
    code, out, err = _run(capsys, "check", str(tmp_path / "a\x1b[2Jb.toml"))
    assert code == 2 and out == ""
    assert_no_raw_controls(err)
    assert "a\\x1b[2Jb.toml" in err


@pytest.mark.parametrize("argv", [
    ("replay", f"nope{HOSTILE}"),
    ("replay", "coincheck-2018", "--setup", f"nope{HOSTILE}[/]"),
    ("open", f"nope{HOSTILE}"),
    ("setups", f"x\ny{HOSTILE}"),
    ("replay", "coincheck-2018", "--format", f"x{HOSTILE}"),
])
def test_argv_is_echoed_in_one_visible_line(capsys, argv):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert_no_raw_controls(err)
    assert len(err.splitlines()) == 1
    assert "\\x1b" in err


def test_undecodable_argv_bytes_give_one_line():
    done = run_cli(b"replay", b"\xff\x1b[2J")
    assert done.returncode == 2 and done.stdout == b""
    assert_no_raw_controls(done.stderr.decode("utf-8", "replace"))
    assert done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr


def test_json_output_holds_no_raw_c1_character(capsys, monkeypatch, tmp_path):
    text = MARKUP_FILE.read_text(encoding="utf-8").replace(
        'title = "', 'title = "\\u009b31m\\u007f ', 1)
    path = tmp_path / "c1.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = _run(capsys, "replay", str(path), "--format", "json")
    assert code in (0, 2)
    assert_no_raw_controls(out, err)
    if code == 0:
        assert json.loads(out)["title"].startswith("\x9b31m\x7f ")


# --- every renderer, with control characters injected past the loader -----------------------

@pytest.fixture(scope="module")
def hostile_replays():
    incident = poisoned()
    return incident, [replay(incident, s) for s in incident.setups]


@pytest.mark.parametrize("width", [40, 80, 160])
def test_rich_report_of_a_poisoned_incident_shows_sequences_visibly(hostile_replays, width):
    incident, replays = hostile_replays
    console = Console(width=width, file=io.StringIO(), force_terminal=True, color_system=None,
                      record=True)
    console.print(tables.report(incident, replays, width))
    console.print(tables.setups_table(incident, list(incident.setups)))
    shown = console.export_text(styles=False)
    assert_no_raw_controls(shown)
    flat = "".join(shown.split())
    assert "\\x1b]8;;http://example.invalid\\x07click" in flat
    assert "XB[/]" in flat and LINK_MARKUP in flat  # markup in the symbol and labels, as text


def test_markdown_of_a_poisoned_incident_shows_sequences_visibly(hostile_replays):
    incident, replays = hostile_replays
    shown = markdown.render(incident, replays)
    assert_no_raw_controls(shown)
    assert "\\\\x1b\\[2J" in shown  # the visible escape, its backslash and bracket escaped
    assert not _MD_LINK.search(shown) and "<javascript:" not in shown
    assert "address not linked: javascript:alert(1)" in shown
    assert "XB \\[/\\]" in shown  # markup in the symbol, escaped


def test_json_of_a_poisoned_incident_keeps_the_data_and_no_raw_control(hostile_replays):
    incident, replays = hostile_replays
    text = jsonout.render(incident, replays)
    assert_no_raw_controls(text)
    assert json.loads(text)["title"] == incident.title


def test_the_json_path_still_imports_neither_rich_nor_textual():
    code = ("import sys; from explainer import cli; cli.main(['replay', 'coincheck-2018', "
            "'--format', 'json']); print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('rich', 'textual')), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0
    assert done.stderr.strip() == "[]"


def test_key_map_of_a_poisoned_incident_shows_sequences_visibly():
    from explainer.diagram import attacker_reach, key_map

    incident = poisoned()
    for setup in incident.setups:
        drawn = key_map(incident, setup, attacker_reach(incident)).plain
        assert_no_raw_controls(drawn)
        assert "\\x1b" in drawn and "[/]" in drawn


def test_matrix_markdown_escapes_setup_labels():
    from explainer.report import matrix

    incident = poisoned()
    grid = matrix.Matrix((incident,), (("as-run", f"[/] <b>x</b> | {HOSTILE}"),), {})
    shown = matrix.markdown(grid)
    assert_no_raw_controls(shown)
    assert "| \\[/\\] \\<b\\>x\\</b\\> \\| \\\\x1b\\[2J" in shown


_PLAIN = st.text(alphabet=st.sampled_from(
    "abcXYZ019 " + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"), min_size=1, max_size=40)


@given(_PLAIN.filter(lambda s: s == s.strip()))
def test_escaped_markdown_renders_as_exactly_the_text(text):
    # CommonMark (markdown-it, which Rich already depends on) must see one plain paragraph:
    # no link, emphasis, code, heading, list, HTML or entity of the file's making
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(safe_text.markdown(text))
    plain = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
             .replace('"', "&quot;"))
    assert html == f"<p>{plain}</p>\n"


@given(st.text(alphabet=st.sampled_from("abX09 \n\t" + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
               max_size=60))
def test_escaped_paragraphs_render_as_paragraphs_only(text):
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(safe_text.markdown(text, multiline=True))
    assert set(re.findall(r"</?([a-z0-9]+)", html)) <= {"p", "br"}, html
