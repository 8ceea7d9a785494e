"""The custody domain as frozen dataclasses: pure data, no I/O, no Rich, no Textual.

Vocabulary (see docs/architecture.md):

- a *domain* is a failure domain: a place where keys live and fall together;
- a *key* lives in one domain and may also sign through other paths (auto-signing
  policy, delegation, a signing interface that can be tampered with);
- a *wallet* holds a share of the custody pool and spends with m of its keys, or with
  one recovery key alone; it may have outflow limits and a time lock;
- a *setup* is wallets + keys + the venue's response;
- an *incident* is what really happened: pool, valuations, attacker achievements,
  recorded outflows, response timeline, each with sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

# The pseudo-domain of limits enforced by the wallet's own on-chain code.
CONTRACT = "contract"


@dataclass(frozen=True, slots=True)
class Source:
    """One cited source: an id used by ``sources = [...]`` lists, a title and a URL."""

    id: str
    title: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Domain:
    """A failure domain: everything in it falls together when the attacker gets in."""

    id: str
    label: str
    kind: str = "other"
    online: bool = True
    operator: str = ""


@dataclass(frozen=True, slots=True)
class Key:
    """A signing key and every path by which its signature can be obtained.

    ``auto_signs_for``: domains whose requests this key signs without a person
    looking (a co-signing service's policy, an exchange's withdrawal server).
    ``delegated_to``: domains allowed to sign in this key's name; ``delegation_revoked``
    removes that path. ``signs_via``: the interface the honest signer reads before
    signing; if the attacker controls it and ``verifies_on_device`` is false, the
    signer approves the attacker's transaction.
    """

    id: str
    label: str
    domain: str
    auto_signs_for: tuple[str, ...] = ()
    delegated_to: tuple[str, ...] = ()
    delegation_revoked: bool = False
    signs_via: str | None = None
    verifies_on_device: bool = False


@dataclass(frozen=True, slots=True)
class Limit:
    """An outflow limit: at most ``amount`` (or ``share`` of the pool) per ``period``.

    ``period`` None means per transfer.

    It binds the attacker only while neither ``enforced_by`` nor any domain in
    ``set_from`` is under the attacker's control. ``enforced_by = "contract"`` means
    the wallet's own on-chain code enforces it, which holds unless the attacker can
    sign an upgrade that is not time-locked.
    """

    amount: Decimal | None
    share: Decimal | None
    period: timedelta | None
    enforced_by: str
    set_from: tuple[str, ...] = ()
    label: str = ""



@dataclass(frozen=True, slots=True)
class Wallet:
    """A wallet holding ``share`` of the custody pool, spending with ``threshold`` of ``keys``."""

    id: str
    label: str
    share: Decimal
    keys: tuple[str, ...]
    threshold: int
    recovery_keys: tuple[str, ...] = ()
    limits: tuple[Limit, ...] = ()
    delay: timedelta | None = None
    upgrade_timelock: bool = False
    refill_from: str | None = None
    online: bool = True


@dataclass(frozen=True, slots=True)
class Response:
    """How the venue reacts in this setup.

    ``freeze``: ``"as-run"`` (the incident's recorded halt), ``"after"`` (a fixed time
    after the first outflow that moves funds) or ``"none"``.
    """

    freeze: str = "as-run"
    after: timedelta | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class Setup:
    """A custody setup: wallets, keys, extra domains, and the response."""

    id: str
    label: str
    summary: str
    wallets: tuple[Wallet, ...]
    keys: tuple[Key, ...]
    domains: tuple[Domain, ...] = ()
    response: Response = field(default_factory=Response)
    sources: tuple[str, ...] = ()
    origin: str = "incident"  # "incident" for the incident's own, "library" for reusable ones
    teaching_point: str = ""


@dataclass(frozen=True, slots=True)
class Asset:
    """The asset at stake; ``decimals`` fixes the smallest unit (XEM has 6)."""

    symbol: str
    name: str
    decimals: int


@dataclass(frozen=True, slots=True)
class Valuation:
    """A fiat valuation: ``value`` of fiat for ``per`` units of the asset."""

    id: str
    label: str
    currency: str
    value: Decimal
    per: Decimal
    approximate: bool
    sources: tuple[str, ...]
    note: str = ""

    @property
    def rate(self) -> Decimal:
        """Fiat per unit of the asset."""
        return self.value / self.per


@dataclass(frozen=True, slots=True)
class Achievement:
    """Something the attacker gained at a moment: control of one or more domains."""

    at: datetime
    approximate: bool
    compromises: tuple[str, ...]
    how: str
    sources: tuple[str, ...]
    when: str = ""  # wording of the time when it is vaguer than a timestamp


@dataclass(frozen=True, slots=True)
class Outflow:
    """A recorded transfer out of the venue, which the replay turns into an attempt."""

    at: datetime
    approximate: bool
    amount: Decimal
    sources: tuple[str, ...]
    to: str = ""
    tx: str = ""
    latest: datetime | None = None  # the end of the window when only a window is known
    note: str = ""


@dataclass(frozen=True, slots=True)
class ResponseEvent:
    """An entry of the venue's real response timeline."""

    id: str
    at: datetime
    approximate: bool
    what: str
    sources: tuple[str, ...]
    halts_outflows: bool = False


@dataclass(frozen=True, slots=True)
class Claim:
    """One side of a conflict between sources."""

    value: str
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources that disagree, kept side by side, with the value the replay uses."""

    id: str
    topic: str
    used: str
    why: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    """A sourced headline fact shown with the incident (customers affected, etc.)."""

    id: str
    label: str
    value: str
    sources: tuple[str, ...]
    approximate: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Address:
    """A public address that played a part (venue wallet, attacker)."""

    id: str
    label: str
    address: str
    role: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Incident:
    """A real theft: the facts the replay follows, each with its sources."""

    id: str
    title: str
    venue: str
    date: str
    timezone: str  # label for the local time, e.g. "JST"
    summary: str
    teaching_point: str
    asset: Asset
    pool: Decimal
    pool_note: str
    pool_sources: tuple[str, ...]
    valuations: tuple[Valuation, ...]
    domains: tuple[Domain, ...]
    achievements: tuple[Achievement, ...]
    outflows: tuple[Outflow, ...]
    response: tuple[ResponseEvent, ...]
    setups: tuple[Setup, ...]
    sources: tuple[Source, ...]
    facts: tuple[Fact, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    addresses: tuple[Address, ...] = ()
    domain_map: tuple[tuple[str, str], ...] = ()  # generic library domain -> incident domain
    path: str = ""

    def setup(self, setup_id: str) -> Setup:
        """The setup with this id; ``KeyError`` if there is none."""
        for s in self.setups:
            if s.id == setup_id:
                return s
        raise KeyError(setup_id)

    def source(self, source_id: str) -> Source:
        """The source with this id; ``KeyError`` if there is none."""
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    def halt(self) -> ResponseEvent | None:
        """The first response event that halted outflows, if any."""
        for event in self.response:
            if event.halts_outflows:
                return event
        return None
