"""The failure domains that matter to a setup, as bit masks, and the hypothetical
incident in which the attacker holds a chosen set of them from the first outflow on.

Every way of getting a signature is read from ``explainer.engine.access.can_sign`` and
every limit's binding from ``explainer.engine.limits.limit_binds``: both are
disjunctions of "this domain is held", so probing them one domain at a time gives the
exact set of domains that opens each path, and the analyses never restate the rules.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from explainer.engine.access import can_sign, domain_labels
from explainer.engine.limits import limit_binds
from explainer.i18n import N_, _
from explainer.model import CONTRACT, Achievement, Incident, Key, Limit, Setup, Wallet

MAX_DOMAINS = 16
NOTHING: frozenset[str] = frozenset()


# the message, translated where it is shown (``str`` of the error, in the language then)
TOO_MANY = N_("setup '{setup}' has {count} failure domains; cuts are computed exactly for "
              "at most {limit} (every subset is examined)")


class TooManyDomains(ValueError):
    """A setup with more failure domains than the exact analyses enumerate."""

    def __init__(self, setup: str, count: int, limit: int = MAX_DOMAINS):
        self.setup, self.count, self.limit = setup, count, limit
        super().__init__(setup, count, limit)

    def __str__(self) -> str:
        return _(TOO_MANY).format(setup=self.setup, count=self.count, limit=self.limit)


def theft_domains(setup: Setup) -> tuple[str, ...]:
    """Every domain whose compromise can give a signature or loosen a limit, sorted."""
    found: set[str] = set()
    for k in setup.keys:
        found.add(k.domain)
        if not k.delegation_revoked:
            found.update(k.delegated_to)
        found.update(k.auto_signs_for)
        if k.signs_via and not k.verifies_on_device:
            found.add(k.signs_via)
    for w in setup.wallets:
        for lim in w.limits:
            if lim.enforced_by != CONTRACT:
                found.add(lim.enforced_by)
            found.update(lim.set_from)
    found.discard(CONTRACT)
    return tuple(sorted(found))


def checked_domains(setup: Setup) -> tuple[str, ...]:
    """``theft_domains``, or ``TooManyDomains`` beyond ``MAX_DOMAINS``."""
    domains = theft_domains(setup)
    if len(domains) > MAX_DOMAINS:
        raise TooManyDomains(setup.id, len(domains))
    return domains


def signing_mask(key: Key, domains: tuple[str, ...]) -> int:
    """Bits of the domains any one of which gives the attacker this key's signature."""
    return sum(1 << i for i, d in enumerate(domains) if can_sign(key, frozenset((d,))))


def loosening_mask(limit: Limit, wallet: Wallet, domains: tuple[str, ...]) -> int | None:
    """Bits of the domains any one of which stops the limit binding a wallet the attacker
    can open; None when it never binds such a wallet (code that can be swapped at once)."""
    if not limit_binds(limit, wallet, NOTHING, True):
        return None
    return sum(1 << i for i, d in enumerate(domains)
               if not limit_binds(limit, wallet, frozenset((d,)), True))


def owner_mask(key: Key, domains: tuple[str, ...]) -> int:
    """Bits of the domains from which the venue itself can still produce this key's
    signature: the key's own place and any delegation that was not revoked."""
    places = {key.domain, *(() if key.delegation_revoked else key.delegated_to)}
    return sum(1 << i for i, d in enumerate(domains) if d in places)


def members(mask: int, domains: tuple[str, ...]) -> tuple[str, ...]:
    """The domain ids of a bit mask, in ``domains`` order."""
    return tuple(d for i, d in enumerate(domains) if mask >> i & 1)


def start_of(incident: Incident) -> datetime:
    """When the theft starts: the first recorded outflow (or the first achievement)."""
    if incident.outflows:
        return incident.outflows[0].at
    if incident.achievements:
        return incident.achievements[0].at
    return datetime(1970, 1, 1, tzinfo=UTC)


def compromised_from_start(incident: Incident, domains: tuple[str, ...] | frozenset[str]
                           ) -> Incident:
    """The incident with its achievements replaced by one: ``domains`` held from the first
    outflow to the end. The outflows, pool and response stay as recorded."""
    held = tuple(sorted(domains))
    achievement = Achievement(start_of(incident), False, held, "hypothetical compromise", ())
    return replace(incident, achievements=(achievement,) if held else ())


def peak_domains(incident: Incident) -> frozenset[str]:
    """Every domain the incident's attacker held by the end."""
    return frozenset(d for a in incident.achievements for d in a.compromises)


def labels_of(incident: Incident, setup: Setup) -> dict[str, str]:
    """Domain id -> label (the incident's places, then the setup's own)."""
    return domain_labels(incident, setup)
