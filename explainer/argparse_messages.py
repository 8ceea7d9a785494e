"""argparse's own messages, listed so that Babel extracts them into our catalog.

argparse (Python 3.11) writes its words through ``gettext`` ("usage: ", "options",
"invalid choice: ...") with names it bound at import; ``explainer.cli`` points those names
at ``explainer.i18n``, so the translations come from our catalog. Babel only extracts what
our own code marks, hence this list. Nothing imports this module at run time: it exists
for extraction, and ``tests/test_cli_lang.py`` holds it equal to the ids argparse uses.
The ids must stay exactly as argparse writes them, ``%`` placeholders included.
"""

from __future__ import annotations

from explainer.i18n import N_, ngettext

MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("can't open '%(filename)s': %(error)s"),
    N_('argument "-" with mode %r'),
    N_("%r is not callable"),
    # Errors in a program's own parser definition, not in what a reader typed; listed so
    # that nothing argparse can say is left untranslated.
    N_(".__call__() not defined"),
    N_("conflicting subparser: %s"),
    N_("conflicting subparser alias: %s"),
    N_("cannot merge actions - two groups are named %r"),
    N_("'required' is an invalid argument for positionals"),
    N_("invalid option string %(option)r: must start with a character %(prefix_chars)r"),
    N_("dest= is required for options like %r"),
    N_("invalid conflict_resolution value: %r"),
    N_("mutually exclusive arguments must be optional"),
    N_("cannot have multiple subparser arguments"),
)

# argparse asks for these plural forms with ngettext; the call marks both forms for Babel
# (the count is only there to make it a call).
PLURALS = (
    ngettext("expected %s argument", "expected %s arguments", 1),
    ngettext("conflicting option string: %s", "conflicting option strings: %s", 1),
)
