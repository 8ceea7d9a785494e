"""The console script's entry point: a guard around everything, the imports included.

This module imports only the standard library, so the guard is in place before the rest
of the program is loaded: Ctrl-C while Python is still importing the engine or Rich ends
with status 130 and no traceback, like Ctrl-C at any later moment.

Output faults, each one line on stderr (when stderr is there to write to):

- standard output closed (``>&-``) or unwritable (``/dev/full``, a full disk, an I/O
  error): status 1 (``EXIT_OUTPUT``);
- a reader that goes away (``| head``): silent, status 0, as before;
- an output encoding that cannot show the text (``PYTHONIOENCODING=ascii``, latin-1):
  the output degrades to ASCII-safe text instead of failing (see ``prepare_streams``).

Bad input keeps its own status (2) and Ctrl-C gives 130.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Sequence

PROG = "wallet-explainer"
EXIT_OUTPUT = 1
EXIT_INTERRUPTED = 130
# errors that mean "the output cannot be written" (EPIPE is a closed pipe, handled apart)
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EBADF, errno.EDQUOT, errno.EFBIG, errno.EROFS}


def N_(message: str) -> str:  # noqa: N802 - the conventional name Babel extracts
    """Mark ``message`` for the catalog; ``_say`` translates it when it is said."""
    return message


def _translated(message: str, argv: Sequence[str] | None = None) -> str:
    """``message`` in the reader's language. ``explainer.i18n`` is imported only here, when
    there is something to say, so a clean run pays nothing for it; if the command line has
    not chosen the language yet (stdout closed before it started), ``--lang`` in ``argv``
    or the locale decides, as the command line would."""
    try:
        from explainer import i18n

        if i18n.current() == i18n.DEFAULT and argv is not None:
            chosen = _lang_option(argv) or i18n.detect()
            i18n.use(chosen if chosen in i18n.LANGS else i18n.DEFAULT)
        return i18n._(message)
    except Exception:  # a broken install must not hide the message itself
        return message


def _lang_option(argv: Sequence[str]) -> str | None:
    """The last ``--lang`` value in ``argv`` (as ``cli`` reads it), or None."""
    chosen = None
    for i, token in enumerate(argv):
        if token == "--":
            break
        if token == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif token.startswith("--lang="):
            chosen = token.partition("=")[2]
    return chosen


def _say(message: str) -> None:
    """One line on stderr, if there is a stderr that takes it."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(f"{PROG}: {message}\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """Point fd 1 at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


def is_utf(stream: object) -> bool:
    """True when ``stream`` encodes to UTF-8 (or UTF-16/32): any text can be written."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding.startswith("utf")


# ASCII stand-ins for the characters the reports use most, for a non-UTF-8 terminal
_ASCII = {"¥": "JPY ", "€": "EUR ", "£": "GBP ", "₹": "INR ", "…": "...", "█": "#", "░": ".",
          "━": "=", "─": "-", "—": "-", "–": "-", "→": "->", "←": "<-", "×": "x", "≈": "~"}
_ERRORS = "wallet-explainer-ascii"


def _stand_in(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for char in exc.object[exc.start:exc.end]:
        code = ord(char)
        out.append(_ASCII.get(char) or (f"\\x{code:02x}" if code < 0x100 else
                                        f"\\u{code:04x}" if code < 0x10000 else
                                        f"\\U{code:08x}"))
    return "".join(out), exc.end


def prepare_streams() -> None:
    """Make stdout and stderr unable to fail on a character their encoding lacks.

    With a non-UTF encoding (``PYTHONIOENCODING=ascii``, latin-1...), a character the
    encoding lacks is written as an ASCII stand-in (``JPY `` for the yen sign, ``...``)
    or else a backslash escape (``\\u2192``) instead of raising ``UnicodeEncodeError``;
    Rich then draws its tables with ASCII lines, and JSON is written with ``\\u`` escapes,
    which decode to the same data (``explainer.cli``).
    """
    import codecs

    try:
        codecs.lookup_error(_ERRORS)
    except LookupError:
        codecs.register_error(_ERRORS, _stand_in)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not is_utf(stream) and hasattr(stream, "reconfigure"):
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(errors=_ERRORS)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line inside the guard; returns the exit status (see the module doc)."""
    try:
        if sys.stdout is None:
            args = sys.argv[1:] if argv is None else argv
            _say(_translated(N_("standard output is closed; nothing can be written"), args))
            return EXIT_OUTPUT
        prepare_streams()
        from explainer import cli  # everything heavy is imported here, inside the guard

        try:
            status = cli.main(argv)
        except SystemExit as exc:  # --help and --version print, then exit through argparse
            status = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        sys.stdout.flush()  # a full disk shows here, not at the interpreter's exit
        return status
    except KeyboardInterrupt:
        _silence_stdout()
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()  # the reader went away: stop quietly, as 'cat' would
        return 0
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            # not a write (the loader turns its own into one-line messages); still one line
            _say(_one_line(_translated(N_("error: {error}")).format(error=exc)))
            return 2
        _silence_stdout()
        _say(_translated(N_("cannot write the output ({reason})")).format(
            reason=exc.strerror or type(exc).__name__))
        return EXIT_OUTPUT


def _one_line(text: str) -> str:
    from explainer.safe_text import clean  # stdlib only

    return clean(text)
