"""What the attacker can sign with: signature paths, reachability, and the reason for it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import NamedTuple

from explainer.engine.codes import Reason, SigRef
from explainer.model import Incident, Key, Setup


class Signature(NamedTuple):
    """One key whose signature the attacker can get, and how."""

    key: str
    key_label: str
    path: str  # stolen, auto-signs, delegated, deceived
    domain: str  # the compromised domain that gives it
    domain_label: str


class WalletAccess(NamedTuple):
    """What the attacker holds against one wallet at one moment (a tuple: cheap to build)."""

    wallet: str
    threshold: int
    total_keys: int
    signatures: tuple[Signature, ...]
    recovery: tuple[Signature, ...]
    held: int  # distinct keys of the quorum the attacker can sign with
    reachable: bool  # m signatures, or one recovery key

    @classmethod
    def of(cls, wallet: str, threshold: int, total_keys: int, signatures: tuple[Signature, ...],
           recovery: tuple[Signature, ...]) -> WalletAccess:
        """Access with its derived counts filled in."""
        held = len(signatures)
        return cls(wallet, threshold, total_keys, signatures, recovery, held,
                   held >= threshold or bool(recovery))


class Access:
    """Answers 'what can the attacker sign with' for a setup, given compromised domains."""

    def __init__(self, incident: Incident, setup: Setup):
        self.incident = incident
        self.setup = setup
        self._cache: dict[frozenset[str], dict[str, WalletAccess]] = {}
        self._reach: dict[frozenset[str], dict[str, bool]] = {}

    @cached_property
    def labels(self) -> dict[str, str]:
        """Domain id -> label, the incident's and the setup's (only sentences need them)."""
        return domain_labels(self.incident, self.setup)

    @cached_property
    def keys(self) -> dict[str, Key]:
        """Key id -> key."""
        return {k.id: k for k in self.setup.keys}

    def signature(self, key: Key, held: frozenset[str]) -> Signature | None:
        def sig(path: str, domain: str) -> Signature:
            return Signature(key.id, key.label, path, domain, self.labels.get(domain, domain))

        if key.domain in held:
            return sig("stolen", key.domain)
        if not key.delegation_revoked:
            for dom in key.delegated_to:
                if dom in held:
                    return sig("delegated", dom)
        for dom in key.auto_signs_for:
            if dom in held:
                return sig("auto-signs", dom)
        if key.signs_via and key.signs_via in held and not key.verifies_on_device:
            return sig("deceived", key.signs_via)
        return None

    def reach(self, held: frozenset[str]) -> dict[str, bool]:
        """Which wallets the attacker can spend from: the full ``wallets`` answer without
        building the signatures, for when no sentence needs them."""
        cached = self._reach.get(held)
        if cached is not None:
            return cached
        # the common case first: the key's own domain is in the attacker's hands
        usable = {k.id for k in self.setup.keys if k.domain in held or can_sign(k, held)}
        out = {w.id: len(usable.intersection(w.keys)) >= w.threshold
               or not usable.isdisjoint(w.recovery_keys) for w in self.setup.wallets}
        self._reach[held] = out
        return out

    def wallets(self, held: frozenset[str]) -> dict[str, WalletAccess]:
        cached = self._cache.get(held)
        if cached is not None:
            return cached
        out = {}
        for w in self.setup.wallets:
            sigs = tuple(s for k in w.keys if (s := self.signature(self.keys[k], held)))
            rec = tuple(s for k in w.recovery_keys if (s := self.signature(self.keys[k], held)))
            out[w.id] = WalletAccess.of(w.id, w.threshold, len(w.keys), sigs, rec)
        self._cache[held] = out
        return out


def can_sign(key: Key, held: frozenset[str]) -> bool:
    """Whether the attacker can get this key's signature (same paths as ``signature``)."""
    return (key.domain in held
            or (not key.delegation_revoked and not held.isdisjoint(key.delegated_to))
            or not held.isdisjoint(key.auto_signs_for)
            or (key.signs_via is not None and key.signs_via in held
                and not key.verifies_on_device))


def sig_refs(sigs: Iterable[Signature]) -> tuple[SigRef, ...]:
    """The signatures by ids, as a reason carries them."""
    return tuple(SigRef(s.key, s.path, s.domain) for s in sigs)


def access_reason(access: WalletAccess) -> Reason:
    """What the attacker holds against one wallet, as a reason: 'needs 2 of 3 signatures;
    the attacker holds 1 (NEM server)' once said."""
    if access.recovery:
        return Reason("access.recovery", (access.wallet, sig_refs(access.recovery)))
    return Reason("access.needs", (access.wallet, access.threshold, access.total_keys,
                                   access.held, sig_refs(access.signatures)))


def domain_labels(incident: Incident, setup: Setup) -> dict[str, str]:
    """Domain id -> label: the incident's places, then the setup's own."""
    labels = {d.id: d.label for d in incident.domains}
    labels.update({d.id: d.label for d in setup.domains})
    return labels


