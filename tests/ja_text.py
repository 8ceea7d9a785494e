"""Readers for checking Japanese text against English: the figures a text states (with
万 and 億 read as units) and the Latin-letter words left in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_EN_FIGURE = re.compile(rf"({_NUM})(?:\s*(million|billion|bn|trillion|crore|m|M)\b"
                        rf"|(B|T)\b)?")
_EN_SCALE = {"million": 10**6, "m": 10**6, "M": 10**6, "billion": 10**9, "bn": 10**9,
             "B": 10**9, "trillion": 10**12, "T": 10**12, "crore": 10**7}
_JA_FIGURE = re.compile(rf"(?:(?P<cho>{_NUM})兆)?(?:(?P<oku>{_NUM})億)?(?:(?P<man>{_NUM})万)?"
                        rf"(?P<one>{_NUM})?(?P<crore>クロール)?")


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _kept(values: Iterator[Decimal]) -> set[Decimal]:
    """Figures worth comparing: 100 and over (amounts, counts, years) and any fraction;
    small whole numbers (days, hours, 2-of-3) are written in words in one language and
    digits in the other."""
    return {v.normalize() for v in values if v >= 100 or v != v.to_integral_value()}


def en_figures(text: str) -> set[Decimal]:
    """The figures in English text, scaled: '$1.46bn' is 1460000000, '5.43T' 5.43 million
    million, '₹2,000 crore' 20000000000."""
    return _kept(_dec(m[1]) * _EN_SCALE.get(m[2] or m[3] or "", 1)
                 for m in _EN_FIGURE.finditer(text))


def ja_figures(text: str) -> set[Decimal]:
    """The figures in Japanese text, with 兆, 億 and 万: '5億2,630万10' is 526300010 (and
    an Indian crore, クロール, is ten million)."""
    def values() -> Iterator[Decimal]:
        for m in _JA_FIGURE.finditer(text):
            if m["cho"] or m["oku"] or m["man"] or m["one"]:
                total = sum((_dec(m[k]) * s for k, s in (("cho", 10**12), ("oku", 10**8),
                                                         ("man", 10**4), ("one", 1)) if m[k]),
                            Decimal(0))
                yield total * (10**7 if m["crore"] else 1)
    return _kept(values())


# Words that stay in Latin letters in Japanese text: proper nouns written that way in Japan,
# ticker symbols, the m and n of "m of n", and the directive's own name for a Safe call.
ALLOWED_ASCII = frozenset({
    "NEM", "XEM", "BTC", "ETH", "USDC", "QR", "USB", "DMM", "JVCEA", "JavaScript",
    "delegatecall", "Glacier", "Bitfinex", "BitGo", "Bybit", "WazirX", "Ronin", "Harmony",
    "Horizon", "Sky", "Mavis", "Axie", "DAO", "Safe", "Wallet", "Ledger", "Labs", "Liminal",
    "OCCRP", "WIRED", "m", "n",
})
# Patterns taken out before counting words: m-of-n notation and a web address.
# (ASCII lookarounds, since \b sees no boundary between a digit and a Japanese character)
_NOT_WORDS = re.compile(r"(?<![A-Za-z0-9])(?:[0-9mn]+-of-[0-9mn]+|[a-z]+(?:\.[a-z]+)+)"
                        r"(?![A-Za-z0-9])")


def ascii_words(text: str, allowed: frozenset[str] = ALLOWED_ASCII) -> list[str]:
    """Runs of Latin letters in ``text`` that are not in ``allowed``: '2FA' is one word,
    and an amount written against its unit ('10XEM') counts as the unit."""
    words = re.findall(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*", _NOT_WORDS.sub(" ", text))
    return [w for w in words if w not in allowed and w.lstrip("0123456789") not in allowed]
