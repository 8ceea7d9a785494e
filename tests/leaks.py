"""English left in Japanese output: the shared scanner for every ``ja`` test.

A leak is a run of two or more ASCII words (letters, with spaces, hyphens or apostrophes
between them), or a single lowercase English word of four letters or more, that is not on
the allowlist: ids, units, symbols, proper nouns and URLs may stay in Latin letters.
"""

from __future__ import annotations

import re

# Words that are fine in Japanese text: asset symbols, units, proper nouns written in Latin
# letters by Japanese media too, algorithm and standard names, and the app's own name.
_WORDS = """
XEM BTC ETH BNB TRX USDT USDC USD JPY INR EUR GBP SOL MATIC XRP LTC BCH DOGE NEM ERC20 TRC20
NEM Ronin Axie Infinity Sky Mavis Harmony Horizon Bybit Safe Gnosis WazirX Liminal Bitfinex BitGo
Binance Liquid Quoine Pte Zaif DMM Bitcoin Mt Gox MtGox Coincheck Tech Bureau Lazarus TraderTraitor
Ginco Fisco Ledger Labs Hex Trust Curvegrid Certora CertiK Elliptic Chainalysis OCCRP WIRED iHodl
Gadgets360 CNET NextMoney Bitsonline Business Insider Japan TSR nordot WizSec Tokenview
Ben Zhou Zettai
Ed25519 ECDSA secp256k1 delegatecall HSM MPC API QR SHA SHA-256 JSON TOML Markdown URL URLs
JST UTC IST KST GMT wallet-explainer Textual Rich Babel gettext
Enter Esc Escape Tab Space Ctrl Shift Alt PageUp PageDown Home End Up Down Left Right
OK PC OS ID IDs AM PM GitHub
"""
ALLOWED_WORDS = frozenset(_WORDS.split())

_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z][A-Za-z'’-]*)+")
_WORD = re.compile(r"(?<![A-Za-z0-9_./:-])[a-z][a-z'-]{3,}(?![A-Za-z0-9_./-])")
_SKIP = re.compile(
    r"https?://\S+"                     # URLs
    r"|[a-z0-9]+(?:-[a-z0-9]+)+"        # ids: coincheck-2018, as-run-10min-freeze
    r"|\b[a-z0-9_]+\.(?:toml|md|json|py|mo|po)\b"  # file names
    r"|--[a-z][a-z-]*"                  # options
    r"|`[^`]*`"                         # code in Markdown
)


def leaks(text: str, extra: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Every run of English in ``text``: phrases of two or more words, or single lowercase
    English words of four or more letters, except allowed words, ids, URLs and options."""
    allowed = ALLOWED_WORDS | set(extra)
    text = _SKIP.sub(" ", text)
    found: list[str] = []
    for m in _RUN.finditer(text):
        words = [w for w in re.split(r"[ \t]+", m.group()) if w not in allowed]
        if len(words) >= 2:
            found.append(m.group())
    for m in _WORD.finditer(_RUN.sub(" ", text)):
        if m.group() not in allowed:
            found.append(m.group())
    return found
