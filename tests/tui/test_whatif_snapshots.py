"""SVG snapshots of the What-if builder, its response curve and its heatmap.

Nothing on this screen depends on the clock; the analyses run in a worker, so each
snapshot waits for the workers before it is taken. Sizes: the smallest the app
supports (80x24) and a roomy one (120x40).
"""

from __future__ import annotations

import pytest

from .helpers import SMALL, new_app
from .test_whatif import build_done_when_setup, settle

LARGE = (120, 40)
SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


def _views(presses: int):
    async def run_before(pilot):
        await build_done_when_setup(pilot)
        for _ in range(presses):
            await pilot.press("v")
        await settle(pilot)

    return run_before


@SIZES
def test_builder(snap_compare, size):
    assert snap_compare(new_app(), terminal_size=size, run_before=_views(0))


@SIZES
def test_curve(snap_compare, size):
    assert snap_compare(new_app(), terminal_size=size, run_before=_views(1))


@SIZES
def test_heatmap(snap_compare, size):
    assert snap_compare(new_app(), terminal_size=size, run_before=_views(2))
