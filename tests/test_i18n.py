"""The language choice and the gettext catalogs."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import i18n
from tests.leaks import leaks

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.use("en")


@pytest.mark.parametrize(("env", "lang"), [
    ({}, "en"),
    ({"LANG": "ja_JP.UTF-8"}, "ja"),
    ({"LANG": "ja"}, "ja"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.eucJP"}, "ja"),
    ({"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}, "en"),  # a set LC_ALL decides, even as C
    ({"LANG": "ja_JP.UTF-8", "LC_ALL": ""}, "ja"),  # an empty one does not
    ({"LANG": "fr_FR.UTF-8"}, "en"),  # a language we do not speak falls back to English
    ({"LC_ALL": "ja_JP@euro"}, "ja"),
    ({"LANG": "POSIX"}, "en"),
])
def test_detect_reads_lc_all_then_lc_messages_then_lang(env, lang):
    assert i18n.detect(env) == lang


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language"):
        i18n.use("fr")
    assert i18n.current() == "en"


def test_english_has_no_catalog_and_returns_the_message():
    i18n.use("en")
    assert i18n._("Quit") == "Quit"
    assert i18n.ngettext("one wallet", "{n} wallets", 2) == "{n} wallets"


def test_catalogs_are_complete_and_compiled():
    """Every marked string has a Japanese translation and the shipped .mo matches the .po
    (run ``python scripts/catalogs.py update`` then ``compile`` after changing strings)."""
    if importlib.util.find_spec("babel") is None:
        pytest.fail("Babel is a test dependency: pip install -e '.[test]'")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "catalogs.py"), "check"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_leak_scanner_finds_english_and_spares_ids():
    assert leaks("コインチェックの hot wallet から流出") == ["hot wallet"]
    assert leaks("凍結まで the freeze") == ["the freeze"]
    assert leaks("送金は blocked された") == ["blocked"]
    assert leaks("coincheck-2018 を 5億2,630万10 XEM、https://example.org/a b") == []
    assert leaks("Ed25519 署名、NEM の 2-of-3、ID: as-run") == []
