"""Reusable widgets of the app; each renders values it is given and computes none.

Names are imported on first use (module ``__getattr__``), so a screen that needs one
widget does not pay for importing the others (a DataTable, say) at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "AccessPanel": "access_panel",
    "DiagramView": "diagram_view",
    "EventLog": "event_log",
    "HeatGrid": "heat_grid",
    "KeyBar": "key_bar",
    "LossCurve": "loss_curve",
    "QRView": "qr_view",
    "ReplayClock": "clock",
    "SigningDemoView": "signing_demo_view",
    "WalletGauge": "gauge",
}

__all__ = [
    "AccessPanel",
    "DiagramView",
    "EventLog",
    "HeatGrid",
    "KeyBar",
    "LossCurve",
    "QRView",
    "ReplayClock",
    "SigningDemoView",
    "WalletGauge",
]

if TYPE_CHECKING:
    from explainer.tui.widgets.access_panel import AccessPanel
    from explainer.tui.widgets.clock import ReplayClock
    from explainer.tui.widgets.diagram_view import DiagramView
    from explainer.tui.widgets.event_log import EventLog
    from explainer.tui.widgets.gauge import WalletGauge
    from explainer.tui.widgets.heat_grid import HeatGrid
    from explainer.tui.widgets.key_bar import KeyBar
    from explainer.tui.widgets.loss_curve import LossCurve
    from explainer.tui.widgets.qr_view import QRView
    from explainer.tui.widgets.signing_demo_view import SigningDemoView


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
