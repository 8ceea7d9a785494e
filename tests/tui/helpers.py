"""Shared pieces of the app tests: sizes, a factory with animations off, a runner."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from explainer.model import Incident
from explainer.tui.app import WalletApp, make_app

SIZE = (100, 30)  # the usual size of every test and snapshot
SMALL = (80, 24)  # the smallest size the app supports


def new_app(incident: Incident | None = None, setup_id: str | None = None,
            files: Sequence[Incident] = ()) -> WalletApp:
    """The app as ``run_app`` builds it, with animations off for steady frames."""
    app = make_app(incident=incident, setup_id=setup_id, files=files)
    app.animation_level = "none"
    return app


def drive(app: WalletApp, script: Callable[[Any], Awaitable[None]],
          size: tuple[int, int] = SIZE) -> None:
    """Run ``script(pilot)`` against ``app`` headless at ``size`` (no asyncio plugin needed)."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(pilot)

    asyncio.run(main())


def screen_text(app: WalletApp) -> str:
    """The current screen as plain text (no colours), for assertions on what is shown."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()
