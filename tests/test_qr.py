"""QR matrices and their half-block text form."""

from __future__ import annotations

import io

import pytest
import qrcode
from hypothesis import given, settings
from hypothesis import strategies as st
from qrcode.constants import ERROR_CORRECT_M

from explainer.qr import matrix_to_text, qr_matrix, qr_text, text_to_matrix

HOT_WALLET = "NC3BI3DNMR2PGEOOMP2NKXQGSAKMS7GYRKVA5CSZ"
ATTACKER = "NC4C6PSUW5CLTDT5SXAGJDQJGZNESKFK5MCN77OG"
PAYLOADS = [
    HOT_WALLET,
    ATTACKER,
    "",
    "a",
    "hello, world",
    '{"DEMO":true,"amount":"1000","from":"cold","nonce":"00ff","to":"' + HOT_WALLET + '"}',
    "ＸＥＭ 円 ✓",
    "x" * 200,
]

T, F = True, False


def test_two_rows_per_line_with_the_four_glyphs() -> None:
    matrix = [
        [F, T, F, T],
        [F, F, T, T],
        [T, F, T, F],
        [T, T, F, F],
    ]
    assert matrix_to_text(matrix) == " ▀▄█\n█▄▀ "


def test_odd_square_leaves_the_last_lower_half_light() -> None:
    matrix = [
        [T, F, T],
        [F, F, T],
        [T, T, F],
    ]
    assert matrix_to_text(matrix) == "▀ █\n▀▀ "
    assert text_to_matrix("▀ █\n▀▀ ") == matrix


def test_empty_cells_are_plain_spaces_not_no_break_spaces() -> None:
    text = qr_text(HOT_WALLET)
    assert "\u00a0" not in text
    assert set(text) <= {" ", "▀", "▄", "█", "\n"}
    # the quiet zone: four light modules around the symbol = two blank lines, four blank columns
    lines = text.split("\n")
    assert lines[0] == lines[1] == " " * len(lines[0])
    assert all(line.startswith("    ") and line.endswith("    ") for line in lines)


@pytest.mark.parametrize("data", [HOT_WALLET, ATTACKER])
def test_nem_address_is_version_3_with_quiet_zone(data: str) -> None:
    # 40 upper-case characters fit alphanumeric version 3-M: 29 modules + 2 * 4 quiet zone
    matrix = qr_matrix(data)
    assert len(matrix) == 37
    assert all(len(row) == 37 for row in matrix)
    assert len(qr_text(data).split("\n")) == 19


def test_rows_are_independent_lists() -> None:
    matrix = qr_matrix("abc")
    matrix[0][0] = True
    assert matrix[1][0] is False
    assert matrix[-1][0] is False


@pytest.mark.parametrize("data", PAYLOADS)
def test_text_round_trips_to_the_same_matrix(data: str) -> None:
    matrix = qr_matrix(data)
    text = matrix_to_text(matrix)
    assert text_to_matrix(text) == matrix
    assert text_to_matrix(text + "\n") == matrix
    assert qr_text(data) == text


@pytest.mark.parametrize("data", PAYLOADS)
def test_matches_qrcode_own_ascii_rendering(data: str) -> None:
    # qrcode's print_ascii is an independent renderer of the same symbol; it writes U+00A0
    # for light cells and ends every line with a newline.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    out = io.StringIO()
    code.print_ascii(out=out)
    assert qr_text(data) == out.getvalue().replace("\u00a0", " ").removesuffix("\n")


# NUL is left out: qrcode 8.2 cannot encode long runs of it (see the test below).
@settings(deadline=None)  # how many examples: the profile (tests/conftest.py)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=120))
def test_round_trip_property(data: str) -> None:
    matrix = qr_matrix(data)
    assert len(matrix) % 4 == 1  # 17 + 4 * version + 2 * 4 quiet zone
    assert text_to_matrix(matrix_to_text(matrix)) == matrix


def test_zero_digit_runs_survive_qrcode_glog_bug() -> None:
    # 300 zeros in numeric mode make an all-zero codeword block, which qrcode 8.2 cannot
    # encode ("glog(0)"); qr_matrix falls back to byte mode: 300 bytes need version 13-M.
    matrix = qr_matrix("0" * 300)
    assert len(matrix) == 17 + 4 * 13 + 8
    assert text_to_matrix(matrix_to_text(matrix)) == matrix


def test_nul_runs_raise_a_clear_error() -> None:
    with pytest.raises(ValueError, match="NUL"):
        qr_matrix("\x00" * 300)


@pytest.mark.parametrize(
    "bad",
    [
        "",  # nothing
        "▀▀\n▀",  # ragged lines
        "ab\n  ",  # not QR glyphs
        "\u00a0▀\n  ",  # qrcode's no-break space is not accepted silently
        "▀▀▀▀▀▀",  # one line cannot hold a 6-wide square
        "▀▄ \n█▄ ",  # odd square whose padding half is dark
    ],
)
def test_text_to_matrix_rejects_what_is_not_a_rendering(bad: str) -> None:
    with pytest.raises(ValueError):
        text_to_matrix(bad)


def test_matrix_to_text_rejects_non_square() -> None:
    with pytest.raises(ValueError):
        matrix_to_text([[T, F, T], [F, T, F]])
    with pytest.raises(ValueError):
        matrix_to_text([])


def _decode(dark: list[list[bool]], scale: int = 8) -> list[str]:
    """Decode a QR matrix with zxing-cpp (a test dependency), drawn as a grey-scale image
    of ``scale`` pixels per module: black modules 0, white 255."""
    import zxingcpp

    size = len(dark) * scale
    pixels = bytearray()
    for row in dark:
        line = b"".join(b"\x00" * scale if cell else b"\xff" * scale for cell in row)
        pixels += line * scale
    image = memoryview(bytes(pixels)).cast("B", (size, size))
    return [r.text for r in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("data", [HOT_WALLET, ATTACKER, "hello, world", PAYLOADS[5], PAYLOADS[6],
                                  PAYLOADS[7]])
def test_matrix_decodes_back_to_the_data(data: str) -> None:
    # Decode what the text shows, not the matrix qrcode built.
    assert _decode(text_to_matrix(qr_text(data))) == [data]


def test_decoder_sees_a_damaged_code_as_damaged() -> None:
    # the round trip above proves something only if a wrong picture fails to decode
    dark = text_to_matrix(qr_text(HOT_WALLET))
    for r in range(4, 14):  # blot out a finder pattern and its surroundings
        for c in range(4, 14):
            dark[r][c] = False
    assert HOT_WALLET not in _decode(dark)
