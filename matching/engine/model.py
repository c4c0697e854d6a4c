"""What the engine reads and writes: frozen dataclasses, no Django. Ids are strings, so the
adapter can use any key; every output is ordered, so the same input (in any order) gives the
same output."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Visitor:
    id: str
    organisation: str
    country: str
    challenge: str
    languages: frozenset[str]
    available_from: date
    available_until: date
    settings: frozenset[str] = frozenset()  # where they work: school, prison, family...
    keywords: frozenset[str] = frozenset()  # from their challenge statement
    shows: frozenset[str] = frozenset()  # challenges they can show a host in return
    past_hosts: frozenset[str] = frozenset()  # organisations they have visited before


@dataclass(frozen=True)
class Host:
    """One hosting offer's window: `capacity` visitors at most."""

    id: str
    organisation: str
    country: str
    challenges: tuple[str, ...]  # what a visitor can observe, the host's priority first
    languages: frozenset[str]
    window_from: date
    window_until: date
    capacity: int
    settings: frozenset[str] = frozenset()
    keywords: frozenset[str] = frozenset()
    wants: frozenset[str] = frozenset()  # challenges the host wants to learn about


@dataclass(frozen=True)
class Weights:
    """Points for each part of a pair's score, set per round."""

    shared_challenge: float = 5.0  # the visitor's challenge is one the host shows
    priority: float = 1.0  # ... and it is the host's first
    context: float = 3.0  # times the share of settings in common
    keywords: float = 2.0  # times the share of statement keywords in common
    reciprocity: float = 2.0  # the host wants to learn what the visitor can show
    continuity: float = 0.0  # signed: > 0 rewards a repeat pairing, < 0 penalises it
    cross_border: float = 1.0  # different countries (when not a hard rule)
    spreading: float = 1.0  # cost of each place after the first at one host


@dataclass(frozen=True)
class Rules:
    allow_interpretation: bool = False  # pairs without a shared language are allowed
    cross_border_required: bool = False
    # (visitor id, host organisation): declared conflicts of interest and coordinator exclusions.
    excluded: frozenset[tuple[str, str]] = frozenset()
    # (visitor id, host id): placed first, whatever their score (never across a hard rule).
    forced: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Problem:
    visitors: tuple[Visitor, ...]
    hosts: tuple[Host, ...]
    weights: Weights = field(default_factory=Weights)
    rules: Rules = field(default_factory=Rules)


@dataclass(frozen=True)
class Part:
    name: str
    points: float


@dataclass(frozen=True)
class Pair:
    visitor: str
    host: str
    score: float
    parts: tuple[Part, ...]  # the score, explained; they add up to `score`
    forced: bool = False


@dataclass(frozen=True)
class Unmatched:
    visitor: str
    reason: str  # the hard rule that removed every candidate, or "capacity"
    nearest_miss: str | None  # the host that came closest
    nearest_miss_fails: tuple[str, ...]  # the rules that host breaks (none: it was full)


@dataclass(frozen=True)
class Result:
    pairs: tuple[Pair, ...]  # by visitor id
    unmatched: tuple[Unmatched, ...]
    alternates: tuple[tuple[str, tuple[str, ...]], ...]  # visitor id → next best hosts
    total: float
    greedy_total: float
