"""The offline-signing demonstration of the cold-wallet lesson, run when the page opens.

``explainer.signing_demo`` does the work (and imports ``cryptography``); this widget
only lays its result out: the transfer, its QR, the signature and its QR, and the two
checks (the real transfer verifies, a tampered copy does not).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from explainer.tui.widgets.qr_view import QRView


def _check(ok: bool) -> tuple[str, str]:
    return ("VALID", "bold") if ok else ("FAILS", "bold reverse")


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
    """

    def compose(self) -> ComposeResult:
        from explainer.signing_demo import run_demo  # loads cryptography only now

        run = run_demo()
        yield Static(Text.assemble(("1. The unsigned transfer, written out exactly:\n", "bold"),
                                   run.payload), classes="demo-step")
        yield Static("   carried to the offline signer as this QR code:")
        yield QRView(run.payload_qr, id="payload-qr")
        yield Static(Text.assemble(
            ("2. The offline signer signs those bytes; the signature comes back:\n", "bold"),
            run.signature_hex), classes="demo-step")
        yield QRView(run.signature_qr, id="signature-qr")
        word, style = _check(run.verifies)
        tword, tstyle = _check(run.tampered_verifies)
        yield Static(Text.assemble(
            ("3. Anyone with the public key can check it.\n", "bold"),
            f"public key {run.public_key_hex}\n",
            "the transfer as signed: ", (word, style), "\n",
            "the same transfer with one digit changed:\n",
            run.tampered_payload, "\n",
            "checked against the same signature: ", (tword, tstyle)), classes="demo-step",
            id="demo-checks")
