"""Reusable widgets of the app; each renders values it is given and computes none."""

from explainer.tui.widgets.access_panel import AccessPanel
from explainer.tui.widgets.clock import ReplayClock
from explainer.tui.widgets.event_log import EventLog
from explainer.tui.widgets.gauge import WalletGauge

__all__ = ["AccessPanel", "EventLog", "ReplayClock", "WalletGauge"]
