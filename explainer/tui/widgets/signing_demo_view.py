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

from explainer.tui.widgets.qr_view import QRView

SCHEME = "Ed25519"


def _check(ok: bool) -> tuple[str, str]:
    return ("VALID", "bold") if ok else ("FAILS", "bold reverse")


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
        word, style = _check(run.verifies)
        tword, tstyle = _check(run.tampered_verifies)
        yield Static(Text.assemble(
            (f"{SCHEME} signature", "bold"),
            ", with a new throwaway key made on each visit to this page (never stored).\n",
            "Outcome: the transfer as signed checks ", (word, style),
            "; the same transfer with one digit changed ", (tword, tstyle), ".\n",
            ("Steps 1-3 below: scroll down (or press down) to see the QR codes.", "italic")),
            id="demo-outcome")
        yield Static(Text.assemble(
            ("1. The unsigned transfer, written out exactly ", "bold"),
            "(one field a line here; signed as one line):\n",
            "\n".join(payload_lines(run.payload))), classes="demo-step", id="demo-payload")
        yield Static("   carried to the offline signer as this QR code:")
        yield QRView(run.payload_qr, id="payload-qr")
        yield Static(Text.assemble(
            (f"2. The offline signer signs those bytes with its {SCHEME} key; the "
             "signature comes back:\n", "bold"),
            _lines(run.signature_hex)), classes="demo-step")
        yield QRView(run.signature_qr, id="signature-qr")
        yield Static(Text.assemble(
            ("3. Anyone with the public key can check it.\n", "bold"),
            f"public key {run.public_key_hex}\n",
            "the transfer as signed: ", (word, style), "\n",
            "the same transfer with one digit changed:\n",
            "\n".join(payload_lines(run.tampered_payload)), "\n",
            "checked against the same signature: ", (tword, tstyle)), classes="demo-step",
            id="demo-checks")
