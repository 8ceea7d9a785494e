"""The Textual front end. Imported only when an interactive session is opened.

Importing it makes Rich (and so every Textual widget) break Japanese lines between
characters, never inside a Latin word (``cjk_wrap``); English wraps exactly as before.
It is done here, once for every app and screen, so a frame never depends on which
screen or language came first.
"""

from explainer.tui.cjk_wrap import install as _install_wrap

_install_wrap()
