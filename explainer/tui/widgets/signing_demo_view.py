"""The offline-signing demonstration of the cold-wallet lesson, run when the page opens.

``explainer.signing_demo`` does the work (and imports ``cryptography``); this widget
only lays its result out: first the outcome in two lines (so it is seen without
scrolling), then the transfer, its QR, the signature and its QR, and the two checks (the
real transfer verifies, a tampered copy does not). JSON and hex are cut only between
fields or into equal halves, never in the middle of a string.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from explainer.i18n import _
from explainer.tui.styled import styled
from explainer.tui.widgets.qr_view import QRView

SCHEME = "Ed25519"


def _check(ok: bool) -> tuple[str, str]:
    return (_("VALID"), "bold") if ok else (_("FAILS"), "bold reverse")


def _lines(text: str, width: int = 64) -> str:
    """Hex cut into lines of ``width`` characters."""
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


class SigningDemoView(Vertical):
    """One fresh run of the demo, shown step by step."""

    DEFAULT_CSS = """
    SigningDemoView {
        height: auto;
        margin: 1 0;
    }
    SigningDemoView > Static.demo-step {
        margin-top: 1;
    }
    SigningDemoView > #demo-outcome {
        border-left: thick $primary;
        padding-left: 1;
    }
    """

    def compose(self) -> ComposeResult:
        from explainer.signing_demo import payload_lines, run_demo  # loads cryptography now

        run = run_demo()
        check, tampered = _check(run.verifies), _check(run.tampered_verifies)
        yield Static(Text.assemble(
            styled(_("{signature}, with a new throwaway key made on each visit to "
                     "this page (never stored)."),
                   signature=(_("{scheme} signature").format(scheme=SCHEME), "bold")), "\n",
            styled(_("Outcome: the transfer as signed checks {check}; the same transfer "
                     "with one digit changed {tampered}."), check=check, tampered=tampered),
            "\n",
            (_("Steps 1-3 below: scroll down (or press down) to see the QR codes."), "italic")),
            id="demo-outcome")
        yield Static(Text.assemble(
            (_("1. The unsigned transfer, written out exactly "), "bold"),
            _("(one field a line here; signed as one line):"), "\n",
            "\n".join(payload_lines(run.payload))), classes="demo-step", id="demo-payload")
        yield Static("   " + _("carried to the offline signer as this QR code:"), markup=False)
        yield QRView(run.payload_qr, id="payload-qr")
        yield Static(Text.assemble(
            (_("2. The offline signer signs those bytes with its {scheme} key; the "
               "signature comes back:").format(scheme=SCHEME), "bold"), "\n",
            _lines(run.signature_hex)), classes="demo-step")
        yield QRView(run.signature_qr, id="signature-qr")
        yield Static(Text.assemble(
            (_("3. Anyone with the public key can check it."), "bold"), "\n",
            _("public key {key}").format(key=run.public_key_hex), "\n",
            styled(_("the transfer as signed: {check}"), check=check), "\n",
            _("the same transfer with one digit changed:"), "\n",
            "\n".join(payload_lines(run.tampered_payload)), "\n",
            styled(_("checked against the same signature: {tampered}"), tampered=tampered)),
            classes="demo-step", id="demo-checks")
