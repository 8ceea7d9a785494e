"""A live, harmless demonstration of offline signing for the cold-wallet lesson.

What a cold wallet does, in miniature: an unsigned transfer is written down as
canonical JSON (the QR a person carries to the offline signer), the offline machine
signs exactly those bytes, and the signature comes back (the QR carried out again).
Anyone with the public key can check the signature; change one character of the
transfer and the check fails.

The key is an Ed25519 key made fresh on every run (each visit to the lesson page), used
once and dropped. It never touches disk, is never returned, and has nothing to do with
any real wallet: the "transfer" is labelled DEMO and is not a NEM transaction (NEM's own
format and signature scheme differ). ``cryptography`` is imported inside the functions so that
importing this module stays cheap.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass

from explainer.qr import qr_text

# The demo "refills" Coincheck's real hot wallet from an imaginary cold wallet (Coincheck
# had no cold wallet for XEM). The address is public; it is the hot-wallet entry of
# [[addresses]] in scenarios/coincheck-2018.toml, with the sources cited there.
DEMO_TO = "NC3BI3DNMR2PGEOOMP2NKXQGSAKMS7GYRKVA5CSZ"
DEMO_FROM = "cold"
_AMOUNT = re.compile(r"[1-9][0-9]{0,11}")


@dataclass(frozen=True)
class DemoRun:
    """One run of the demo: what went in, what came out, and what a tamperer would get."""

    public_key_hex: str
    payload: str  # canonical JSON of the unsigned DEMO transfer
    signature_hex: str
    verifies: bool
    tampered_payload: str  # the payload with one digit of the amount changed
    tampered_verifies: bool
    payload_qr: str  # qr_text(payload)
    signature_qr: str  # qr_text of the signature in upper-case hex


def canonical_payload(amount: str, nonce: str) -> str:
    """The unsigned DEMO transfer as canonical JSON: sorted keys, no spaces, ASCII only.

    Canonical, so the signer and the verifier hash the very same bytes.
    """
    transfer = {
        "DEMO": True,
        "amount": f"{amount} XEM",
        "from": DEMO_FROM,
        "nonce": nonce,
        "to": DEMO_TO,
    }
    return json.dumps(transfer, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def payload_lines(payload: str) -> list[str]:
    """The canonical payload cut between its fields, for a narrow screen: joined without
    separators, the lines are the payload again, byte for byte (no string is broken)."""
    fields = json.loads(payload)
    parts = [json.dumps(k, ensure_ascii=True) + ":" + json.dumps(v, ensure_ascii=True)
             for k, v in fields.items()]
    if not parts:
        return [payload]
    lines = [p + "," for p in parts[:-1]] + [parts[-1]]
    lines[0], lines[-1] = "{" + lines[0], lines[-1] + "}"
    return lines


def tamper(amount: str) -> str:
    """The amount with its first digit changed, as malware might do: 1000 becomes 9000."""
    first = "9" if amount[0] != "9" else "8"
    return first + amount[1:]


def verify(public_key_hex: str, payload: str, signature_hex: str) -> bool:
    """True when ``signature_hex`` is a valid Ed25519 signature of ``payload``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    public_key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
    try:
        public_key.verify(bytes.fromhex(signature_hex), payload.encode("utf-8"))
    except InvalidSignature:
        return False
    return True


def run_demo(amount: str = "1000") -> DemoRun:
    """Sign a DEMO transfer of ``amount`` XEM with a throwaway key; check it and a tampered copy.

    ``amount`` is a whole number of 1 to 12 digits without a leading zero; anything else
    raises ``ValueError``.
    """
    if not _AMOUNT.fullmatch(amount):
        raise ValueError(f"the demo amount must be a whole number like 1000, not {amount!r}")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    # The nonce makes every run's transfer different, as a real one must be to avoid replays.
    nonce = secrets.token_hex(2)
    payload = canonical_payload(amount, nonce)
    tampered = canonical_payload(tamper(amount), nonce)

    # Made here, used once, never stored or returned: only the public half leaves.
    private_key = Ed25519PrivateKey.generate()
    signature_hex = private_key.sign(payload.encode("utf-8")).hex()
    public_key_hex = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    del private_key

    return DemoRun(
        public_key_hex=public_key_hex,
        payload=payload,
        signature_hex=signature_hex,
        verifies=verify(public_key_hex, payload, signature_hex),
        tampered_payload=tampered,
        tampered_verifies=verify(public_key_hex, tampered, signature_hex),
        payload_qr=qr_text(payload),
        # Upper-case hex fits QR's compact alphanumeric mode: a smaller code, same digits.
        signature_qr=qr_text(signature_hex.upper()),
    )
