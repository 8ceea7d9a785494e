"""The Japanese scenario texts state the English figures: for every translated text of every
bundled scenario and of the library, the figures read from the Japanese (with 兆, 億 and 万)
equal those read from the English (with million, bn, T, crore). A wrong digit, a lost
figure or a figure the English does not give fails here, entry by entry."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from explainer import loader
from explainer import translations as tr
from tests.ja_text import en_figures, ja_figures

INCIDENTS = [p.stem for p in loader.bundled_paths()]

# Figures a careful translation writes in another unit, checked by hand: the English
# text's figure, the field, and what the Japanese says instead.
SAID_OTHERWISE = {
    # "2.5 years, suspended for 4": Japanese courts state a sentence as 懲役2年6か月
    ("mtgox-2014", "facts.karpeles.value"): ({Decimal("2.5")}, "懲役2年6か月"),
}


def _pairs(found: tr.Targets, data: Any) -> Iterator[tuple[str, str, str]]:
    for path, fields in found.items():
        table: Any = data
        for part in path:
            table = table.get(part, {}) if isinstance(table, dict) else {}
        for field, english in fields.items():
            japanese = table.get(field) if isinstance(table, dict) else None
            if isinstance(japanese, str):
                yield ".".join((*path, field)), english, japanese


def _mismatches(scenario_id: str, found: tr.Targets) -> dict[str, tuple[list, list]]:
    path = tr.bundled_file("ja", scenario_id)
    assert path is not None
    data, _ = tr.read(path)
    out = {}
    checked = 0
    for field, english, japanese in _pairs(found, data):
        en, ja = en_figures(english), ja_figures(japanese)
        if (scenario_id, field) in SAID_OTHERWISE:
            figures, wording = SAID_OTHERWISE[(scenario_id, field)]
            assert figures <= en and wording in japanese, field
            en -= figures
        checked += bool(en)
        if en != ja:
            out[field] = (sorted(en - ja), sorted(ja - en))
    assert checked or scenario_id == tr.LIBRARY, scenario_id  # the readers found figures
    return out


@pytest.mark.parametrize("scenario_id", INCIDENTS)
def test_japanese_scenario_texts_state_the_english_figures(scenario_id):
    assert _mismatches(scenario_id, tr.targets(loader.load(scenario_id))) == {}


def test_japanese_library_states_the_english_figures():
    assert _mismatches(tr.LIBRARY, tr.library_targets(*loader.load_library())) == {}


def test_the_readers_on_the_units_the_scenarios_use():
    assert en_figures("5.43T SHIB, 640.27B PEPE, about ₹2,000 crore, 20.5M MATIC") == {
        Decimal("5.43E12"), Decimal("6.4027E11"), Decimal("2E10"), Decimal("2.05E7")}
    assert ja_figures("5.43兆SHIB、6,402.7億PEPE、約200億ルピー(2,000クロール)、2,050万MATIC") == {
        Decimal("5.43E12"), Decimal("6.4027E11"), Decimal("2E10"), Decimal("2.05E7")}
    # a changed digit is caught
    assert en_figures("$234.9m") != ja_figures("2億3,940万ドル")
