"""The Textual front end. Imported only when an interactive session is opened.

In a language other than English, importing it makes Rich (and so every Textual widget)
break Japanese lines between characters, never inside a Latin word (``cjk_wrap``); the
app does the same when the reader switches language. English never needs it (and wraps
identically with it), so the English start-up does not pay for compiling its pattern.
"""

from explainer import i18n as _i18n

if _i18n.current() != _i18n.DEFAULT:
    from explainer.tui.cjk_wrap import install as _install_wrap

    _install_wrap()
