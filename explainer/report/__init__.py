"""Report layer: one source of formatted figures for the CLI, the handouts and the TUI.

``rows`` (pure), ``jsonout`` and ``markdown`` never import Rich or Textual; ``tables``
builds Rich renderables from the same rows.
"""
