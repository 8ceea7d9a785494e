"""Fixtures that make every app test and snapshot repeatable."""

from __future__ import annotations

import pytest

# Environment that would change colours, theme, size or animation between machines.
_ENV = ("NO_COLOR", "FORCE_COLOR", "TEXTUAL_THEME", "TEXTUAL_ANIMATIONS", "TEXTUAL_COLOR_SYSTEM",
        "TEXTUAL_FPS", "COLUMNS", "LINES", "TEXTUAL")


@pytest.fixture(autouse=True)
def steady(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Fix everything that depends on the machine, the clock or chance.

    - environment variables that change colours, theme or size are removed;
    - the signing demo gets a fixed Ed25519 key and nonce (Ed25519 signatures are
      deterministic, so its page renders identically every run);
    - the replay's wall clock is frozen, so a timer tick that sneaks in advances nothing;
    - the presenter's clocks are frozen too, and it publishes its position into tmp_path.
    """
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    # Japanese line breaks, installed by the app in Japanese and kept for the process: on
    # for every test, so no frame depends on which test ran first (English is unchanged)
    from explainer.tui.cjk_wrap import install

    install()
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from explainer import signing_demo
    from explainer.tui.screens import replay

    key = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    monkeypatch.setattr(ed25519.Ed25519PrivateKey, "generate", classmethod(lambda cls: key))
    monkeypatch.setattr(signing_demo.secrets, "token_hex", lambda nbytes=None: "c0de")
    monkeypatch.setattr(replay, "wall_clock", lambda: 1000.0)
    from explainer.tui.screens import presenter

    monkeypatch.setattr(presenter, "wall_time", lambda: 1000.0)
    monkeypatch.setattr(presenter, "monotonic", lambda: 1000.0)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
