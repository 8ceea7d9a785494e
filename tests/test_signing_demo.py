"""The offline-signing demo of the cold-wallet lesson."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from explainer.loader import load
from explainer.qr import qr_matrix, qr_text, text_to_matrix
from explainer.signing_demo import DEMO_TO, canonical_payload, run_demo, tamper, verify


def test_signature_verifies_and_tampered_payload_does_not() -> None:
    run = run_demo()
    assert run.verifies is True
    assert run.tampered_verifies is False
    assert verify(run.public_key_hex, run.payload, run.signature_hex) is True
    assert verify(run.public_key_hex, run.tampered_payload, run.signature_hex) is False


def test_tampered_payload_differs_in_exactly_one_character() -> None:
    run = run_demo("1000")
    assert len(run.tampered_payload) == len(run.payload)
    differences = [
        (i, a, b) for i, (a, b) in enumerate(zip(run.payload, run.tampered_payload, strict=True))
        if a != b
    ]
    assert len(differences) == 1
    _, original, changed = differences[0]
    assert (original, changed) == ("1", "9")
    assert json.loads(run.tampered_payload)["amount"] == "9000 XEM"


def test_payload_is_canonical_json_of_a_labelled_demo_transfer() -> None:
    run = run_demo("250")
    transfer = json.loads(run.payload)
    assert transfer["DEMO"] is True
    assert transfer["amount"] == "250 XEM"
    assert transfer["from"] == "cold"
    assert transfer["to"] == "NC3BI3DNMR2PGEOOMP2NKXQGSAKMS7GYRKVA5CSZ"
    assert len(transfer["nonce"]) == 4
    assert run.payload == json.dumps(transfer, sort_keys=True, separators=(",", ":"))
    assert run.payload == canonical_payload("250", transfer["nonce"])


def test_fresh_key_and_nonce_each_run() -> None:
    runs = [run_demo() for _ in range(3)]
    assert len({r.public_key_hex for r in runs}) == 3
    assert len({r.signature_hex for r in runs}) == 3
    # a signature from one run's key does not verify under another run's key
    assert verify(runs[1].public_key_hex, runs[0].payload, runs[0].signature_hex) is False


def test_key_and_signature_sizes() -> None:
    run = run_demo()
    assert len(bytes.fromhex(run.public_key_hex)) == 32  # Ed25519 public key
    assert len(bytes.fromhex(run.signature_hex)) == 64  # Ed25519 signature


def test_qr_codes_carry_the_payload_and_the_signature() -> None:
    run = run_demo()
    assert text_to_matrix(run.payload_qr) == qr_matrix(run.payload)
    assert run.signature_qr == qr_text(run.signature_hex.upper())
    # both fit version 6-M: 41 modules + 8 quiet zone, 25 lines of text
    assert [len(run.payload_qr.split("\n")), len(run.signature_qr.split("\n"))] == [25, 25]


def test_tamper_changes_the_first_digit() -> None:
    assert tamper("1000") == "9000"
    assert tamper("9") == "8"
    assert tamper("95") == "85"


@pytest.mark.parametrize("bad", ["", "0", "01", "1.5", "-3", "1 000", "1000000000000", "１"])
def test_amount_must_be_a_plain_whole_number(bad: str) -> None:
    with pytest.raises(ValueError):
        run_demo(bad)


def test_demo_destination_is_coincheck_hot_wallet_from_the_scenario() -> None:
    incident = load("coincheck-2018")
    hot = next(a for a in incident.addresses if a.id == "hot-wallet")
    assert hot.address == DEMO_TO


def test_importing_the_module_does_not_import_cryptography() -> None:
    code = "import sys, explainer.signing_demo; print('cryptography' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("amount", ["1", "1000", "999999999999"])
def test_payload_lines_cut_only_between_fields(amount) -> None:
    from explainer.signing_demo import payload_lines

    payload = canonical_payload(amount, "c0de")
    lines = payload_lines(payload)
    assert "".join(lines) == payload  # the very bytes that are signed
    assert len(lines) == len(json.loads(payload))
    for line in lines:
        assert line.count('"') % 2 == 0  # no string is broken across lines
        assert len(line) <= 50
