"""The What-if words in Japanese, without the app: rows, live figures, cuts, curve and
heatmap for every bundled incident and setup, scanned for English; the analyses' errors
worded in the language in use; English unchanged.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from rich.cells import cell_len

from explainer import analysis, catalog, i18n, loader, translations, whatif
from explainer.report import whatif as words
from tests.leaks import leaks


def _texts(incident, draft) -> list[str]:
    setup = whatif.to_setup(draft, incident)
    rows = words.draft_rows(draft, incident)
    live = words.live(incident, setup)
    deep = words.deep(incident, setup)
    heat = words.heat(incident, words.heat_place(incident, draft))
    out = [draft.title, whatif.summary(draft, incident)]
    out += [f"{r.item} {r.value} {r.hint}" for r in rows]
    out += [live.lost_text, live.exposed_text, live.held, live.why]
    out += [f"{h} {t}" for h, t in deep.worded(short=True)] + [deep.curve_note]
    out += [heat.note(incident), *heat.rows, *heat.columns]
    return out


def test_every_bundled_setup_reads_in_japanese():
    """The builder's words for every bundled incident x setup (and a blank draft with a
    co-signer, a recovery key and a time lock) carry no English but names from the
    scenario files that have no Japanese yet."""
    i18n.use("ja")
    found: dict[str, list[str]] = {}
    for incident in catalog.scenarios():
        extra = whatif.library_places(incident, catalog.library()[0])
        names = {w for d in incident.domains for w in d.label.split()}
        drafts = [whatif.from_setup(s, extra) for s in catalog.setups_for(incident)]
        d = whatif.set_hot_share(whatif.blank(incident, extra), Decimal("0.2"))
        d = whatif.set_cosigner(d, 0, Decimal("0.01"), 24)
        d = whatif.set_recovery(d, 1, "recovery-holder")
        d = whatif.set_timelock(d, 1, 48)
        d = whatif.set_response(d, 30)
        for draft in (*drafts, d):
            for text in _texts(incident, draft):
                # setup and place names come from the scenario files (content lane)
                labels = {w for s in catalog.setups_for(incident) for w in s.label.split()}
                got = leaks(text, names | labels)
                if got:
                    found.setdefault(incident.id, []).extend(got)
    assert found == {}


def test_made_up_names_follow_the_language():
    d = whatif.set_hot_share(whatif.blank(loader.load("coincheck-2018")), Decimal("0.1"))
    d = whatif.add_key(d, 1, "staff-pcs")
    assert [whatif.label_text(k.label) for k in d.keys] == ["key 1", "cold key", "key 2"]
    i18n.use("ja")
    assert [whatif.label_text(k.label) for k in d.keys] == ["鍵1", "コールドの鍵", "鍵2"]
    assert whatif.label_text("office A") == "office A"  # typed by the person: theirs
    assert d.title == "もしも: 10% 1-of-1 + 90% 1-of-2"


def test_time_lock_and_response_values():
    incident = loader.load("coincheck-2018")
    d = whatif.set_timelock(whatif.set_hot_share(whatif.blank(incident), Decimal("0.5")), 1, 72)
    d = whatif.set_response(d, 120)

    def values() -> dict[str, str]:
        return {r.key: r.value for r in words.draft_rows(d, incident)}

    assert values()["timelock:1"] == "3 days (72 h)" and values()["response"] == \
        "freeze 2 h after 1st outflow"
    assert {r.key: r.value for r in words.draft_rows(whatif.set_timelock(d, 1, 24),
                                                        incident)}["timelock:1"] == \
        "1 day (24 h)"
    i18n.use("ja")
    assert values()["timelock:1"] == "3日（72時間）"
    assert values()["response"].startswith("最初の流出の") and "後に凍結" in values()["response"]


def test_the_analyses_errors_are_worded_when_shown():
    incident = loader.load("coincheck-2018")
    with pytest.raises(analysis.SweepError) as caught:
        analysis.sweep_hot_freeze(incident, [Decimal("0.1")], [None], "nowhere")
    assert str(caught.value) == \
        "coincheck-2018 has no place 'nowhere' (places: nem-server, staff-pcs)"
    error = analysis.TooManyDomains("big", 17)
    assert str(error) == ("setup 'big' has 17 failure domains; cuts are computed exactly "
                          "for at most 16 (every subset is examined)")
    i18n.use("ja")
    ja = str(caught.value)
    assert "nowhere" in ja and "場所" in ja and "nem-server, staff-pcs" in ja
    assert leaks(ja, {"nowhere"}) == []
    assert "障害ドメインが17個" in str(error) and leaks(str(error)) == []


def test_sweep_error_on_the_command_line_in_japanese():
    run = subprocess.run(
        [sys.executable, "-m", "explainer", "sweep", "coincheck-2018", "--hot-share",
         "0:10:5", "--freeze-after", "0:10:5", "--place", "nowhere", "--lang", "ja"],
        capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert run.returncode == 2
    line = run.stderr.strip()
    assert "nowhere" in line and "場所" in line and len(line.splitlines()) == 1
    assert leaks(line, {"nowhere"}) == []  # the place named on the command line


def test_figures_column_lines_up_by_cells():
    """The figures panel's bodies all start one cell after the widest heading, counted
    in cells (Japanese headings are two cells a character)."""
    from rich.console import Console

    from explainer.tui.screens.whatif import hanging

    rows = [("損失額", "52,630,001 XEM（プールの10%）、約58億円"), ("締め出しカット", "なし"),
            ("理由", "ホットウォレットにはプールの10%しかなく、奪える残りはありませんでした")]
    text = hanging(rows, 40, Console(width=80))
    lines = text.plain.splitlines()
    gutter = max(cell_len(h) for h, _ in rows) + 1
    for line in lines:
        head = ""
        for ch in line:
            if cell_len(head) >= gutter:
                break
            head += ch
        assert cell_len(head) == gutter, line
        assert cell_len(line) <= 40, line
    assert len(lines) > len(rows)  # the long reason wrapped, beside its heading


def test_saved_file_in_japanese_reads_back(tmp_path):
    i18n.use("ja")
    incident = translations.localize(loader.load("coincheck-2018"), "ja")
    d = whatif.set_cosigner(whatif.blank(incident), 0, Decimal("0.01"), 24)
    d = whatif.rename(d, "二重の守り")
    text = whatif.to_toml(d, incident)
    assert text.startswith("# wallet-explainerの「もしも」画面で組み立てた保管構成です。\n")
    assert 'id = "cosigner-service"' in text and 'label = "連署サービス"' in text
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    _, setups = loader.load_library(path)
    assert setups[0].label == "二重の守り" and setups[0].id == d.id


def test_wide_text_wraps_between_characters_never_inside_a_figure():
    from hypothesis import given
    from hypothesis import strategies as st

    from explainer.tui.screens.whatif import wrap_wide

    pieces = st.sampled_from(["本社", "で", "コールドウォレット", "の", "473,670,009", " XEM",
                              "を", "、", "。", "（", "）", " ", "+", "NEMサーバー", "10%"])

    # widths the figures panel has (its bodies are 20 cells or more at 80 columns); a
    # space is never written before a closing mark
    @given(st.lists(pieces, max_size=40), st.integers(min_value=20, max_value=60))
    def check(parts: list[str], width: int) -> None:
        text = "".join(parts).replace(" 、", "、").replace(" 。", "。").replace(" ）", "）")
        lines = wrap_wide(text, width)
        assert all(cell_len(line) <= width for line in lines), lines
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for line in lines[1:]:
            assert line[:1] not in "、。）", lines  # no closing mark starts a line
        for line in lines[:-1]:
            assert line[-1:] != "（", lines  # and no opening mark ends one
        joined = "\n".join(lines)
        if "473,670,009" in text:
            assert "473,670,009" in joined  # a figure is never cut in two

    check()
