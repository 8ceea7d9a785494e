"""What the attacker can sign with: signature paths, reachability, and the words for it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import NamedTuple

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


PATH_WORDS = {
    # (one key, several keys) for each way of getting a signature
    "auto-signs": ("{key} signing automatically for {domain}",
                   "{n} keys signing automatically for {domain}"),
    "delegated": ("{key} through a delegation to {domain}",
                  "{n} keys through delegations to {domain}"),
    "deceived": ("{key} deceived through {domain}", "{n} signers deceived through {domain}"),
}


def describe(sigs: Iterable[Signature]) -> str:
    """'NEM server', '3 keys on NEM server', '3 signers deceived through Safe{Wallet}'."""
    groups: dict[tuple[str, str], list[Signature]] = {}
    for sig in sigs:
        groups.setdefault((sig.path, sig.domain_label), []).append(sig)
    parts = []
    for (path, domain), members in groups.items():
        n = len(members)
        if path == "stolen":
            parts.append(domain if n == 1 else f"{n} keys on {domain}")
        else:
            one, several = PATH_WORDS[path]
            words = one if n == 1 else several
            parts.append(words.format(key=members[0].key_label, n=n, domain=domain))
    return ", ".join(parts)


def access_clause(access: WalletAccess) -> str:
    """'needs 2 of 3 signatures; the attacker holds 1 (NEM server)'."""
    if access.recovery:
        return f"the attacker holds a recovery key that acts alone ({describe(access.recovery)})"
    held = access.held
    who = f" ({describe(access.signatures)})" if held else ""
    noun = "signature" if access.total_keys == 1 else "signatures"
    return (f"needs {access.threshold} of {access.total_keys} {noun}; "
            f"the attacker holds {held}{who}")


def domain_labels(incident: Incident, setup: Setup) -> dict[str, str]:
    """Domain id -> label: the incident's places, then the setup's own."""
    labels = {d.id: d.label for d in incident.domains}
    labels.update({d.id: d.label for d in setup.domains})
    return labels


