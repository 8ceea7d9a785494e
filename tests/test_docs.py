"""The authoring guide's example loads and replays, and the guide covers every field."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from explainer import loader
from explainer.catalog import setups_for
from explainer.engine import replay
from explainer.report.reason_text import words_for
from explainer.schema import INCIDENT, F

GUIDE = Path(__file__).parent.parent / "docs" / "scenario-format.md"


def example(tmp_path: Path) -> Path:
    text = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S)
    assert block, "the guide has no TOML example"
    path = tmp_path / "binance-mini.toml"
    path.write_text(block.group(1), encoding="utf-8")
    return path


def test_guide_example_is_valid_and_replays(tmp_path):
    path = example(tmp_path)
    assert loader.check_file(path) == []
    incident = loader.load(str(path))
    r = replay(incident, incident.setup("as-run"))
    # 2% of 350,000 BTC = 7,000 BTC hot; the one 7,000 BTC withdrawal takes all of it
    assert r.summary.lost == Decimal(7000)
    assert r.summary.lost_fraction == Decimal("0.02")
    held = words_for(r)(r.summary.held)
    assert "co-signer" not in held and "signing automatically" in held
    for setup in setups_for(incident):  # and against the whole library
        s = replay(incident, setup).summary
        assert 0 <= s.lost <= s.exposed <= s.pool


def _names(spec: dict[str, F]) -> set[str]:
    out = set(spec)
    for f in spec.values():
        if f.spec:
            out |= _names(f.spec)
    return out


def test_guide_mentions_every_field_of_the_format():
    text = GUIDE.read_text(encoding="utf-8")
    # as `name`, as a key (name = ...), or as a table header ([name], [[x.name]])
    missing = sorted(n for n in _names(INCIDENT)
                     if not re.search(rf"`{n}`|\b{n} =|[\[.]{n}\]", text))
    assert missing == []
