"""The declarative side of the procedure engine: what a procedure *is*.

A procedure (a licence application, a grant claim, a damage claim …) is declared in code as one
readable `Procedure`: its states, the transitions between them with the roles allowed to fire
them, guards (rules that must hold before a transition), actions run on entry, and its deadline
clocks. The engine (services/cases.py) knows nothing about any particular procedure: adding one
is a definition plus its own form and rules, registered from its app's `ready()`.

Every figure (a term in days) lives here, in the definition, with its `source` and `valid_from`,
because such terms change over time and must be traceable to where they come from.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chancery.procedures.models import Case

# The special role "applicant": the external user who filed the case (not any applicant).
APPLICANT = "applicant"


@dataclass(frozen=True)
class State:
    code: str
    label: str
    # What the applicant is told (internal steps like "awaiting external advice" may read
    # "under assessment" for them); the label when empty.
    public_label: str = ""
    # The code the applicant is shown (the API's `state` for them): an internal state reads as the
    # public one it belongs to (awaiting_advice as under_assessment); its own code when empty.
    # States with one public code have one public label (a test holds it for every procedure).
    public_code: str = ""
    # No transition leaves a final state.
    final: bool = False
    # The handling is over (a decision was taken) although later steps remain possible (a granted
    # licence may still expire or be revoked): the case leaves the inboxes and counts as closed.
    decided: bool = False
    # The applicant is expected to act (answer a request for information).
    waiting_for_applicant: bool = False

    @property
    def closed(self) -> bool:
        return self.final or self.decided

    @property
    def label_for_applicant(self) -> str:
        return self.public_label or self.label

    @property
    def code_for_applicant(self) -> str:
        return self.public_code or self.code


@dataclass(frozen=True)
class Guard:
    """A rule that must hold before a transition. `check(case)` returns None when it holds, else
    the message (Dutch in the UI) that explains the refusal."""

    code: str
    description: str
    check: Callable[[Case], str | None]


@dataclass(frozen=True)
class Action:
    """Something done when a transition lands: `run(case, transition, actor)`, inside the
    transition's database transaction (so it rolls back with it)."""

    code: str
    description: str
    run: Callable[..., None]


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: str
    target: str
    roles: frozenset[str]
    guards: tuple[Guard, ...] = ()
    on_enter: tuple[Action, ...] = ()
    reason_required: bool = False
    # The reason is addressed to the applicant (a question, a decision's motivation); other
    # reasons are internal and never shown to them.
    reason_to_applicant: bool = False
    # Four eyes: not taken by the person who took the latest of these steps on the case (the one
    # who proposed a decision does not also take it).
    not_by_actor_of: frozenset[str] = frozenset()

    def __post_init__(self):
        object.__setattr__(self, "roles", frozenset(self.roles))
        object.__setattr__(self, "not_by_actor_of", frozenset(self.not_by_actor_of))
        object.__setattr__(self, "guards", tuple(self.guards))
        object.__setattr__(self, "on_enter", tuple(self.on_enter))


@dataclass(frozen=True)
class Term:
    """A term in days, where it comes from and since when it applies. `variant` selects among the
    terms of one clock (e.g. "department" or "minister" deciding)."""

    days: int
    source: str
    valid_from: datetime.date
    variant: str = ""
    # A term counted in hours from the moment the clock started (a 48-hour emergency decision):
    # `days` is then the whole days it spans (due_on, the inbox's order), `hours` the exact term.
    hours: int | None = None


@dataclass(frozen=True)
class Clock:
    """A deadline clock. It starts the first time the case enters a state of `runs_in`, is
    suspended in the states of `suspended_in` (waiting for the applicant or for advice), resumes
    when the case is back in a running state, and stops for good in any other state."""

    code: str
    label: str
    terms: tuple[Term, ...]
    runs_in: frozenset[str]
    suspended_in: frozenset[str] = frozenset()
    working_days: bool = False
    # Which term applies to a case: a function of the case returning a Term.variant.
    variant: Callable[[Case], str] = field(default=lambda case: "")

    def __post_init__(self):
        object.__setattr__(self, "terms", tuple(self.terms))
        object.__setattr__(self, "runs_in", frozenset(self.runs_in))
        object.__setattr__(self, "suspended_in", frozenset(self.suspended_in))

    def term_for(self, case: Case, on: datetime.date) -> Term:
        """The term of the case's variant in force on `on` (the latest `valid_from` not after it)."""
        wanted = self.variant(case)
        candidates = [t for t in self.terms if t.variant == wanted and t.valid_from <= on]
        if not candidates:
            candidates = [t for t in self.terms if t.variant == wanted] or list(self.terms)
            return min(candidates, key=lambda t: t.valid_from)
        return max(candidates, key=lambda t: t.valid_from)


@dataclass(frozen=True)
class DocumentType:
    code: str
    label: str


class DefinitionError(Exception):
    """A procedure definition that does not hold together (raised at registration)."""


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    clocks: tuple[Clock, ...] = ()
    initial: str = "draft"
    description: str = ""
    document_types: tuple[DocumentType, ...] = ()
    # The entity (team) that handles new cases, by code; none when not found.
    team: str = ""
    # Confidentiality level of new cases (core AccessLevel value).
    access_level: str = "internal_council"
    # Dotted path of the applicant's web form (a chancery.procedures.forms.ApplicationForm).
    application_form: str = ""
    # The transition the applicant's form fires after creating the case.
    submit_transition: str = "submit"
    # The transition that answers a request for more information.
    answer_transition: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        for name in ("states", "transitions", "clocks", "document_types"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        self.validate()

    # --- consistency -----------------------------------------------------------------------
    def validate(self) -> None:
        codes = [s.code for s in self.states]
        if len(set(codes)) != len(codes):
            raise DefinitionError(f"{self.code}: duplicate state codes")
        if self.initial not in codes:
            raise DefinitionError(f"{self.code}: unknown initial state {self.initial!r}")
        seen = set()
        for t in self.transitions:
            if t.source not in codes or t.target not in codes:
                raise DefinitionError(f"{self.code}: transition {t.name} links unknown states")
            if (t.name, t.source) in seen:
                raise DefinitionError(f"{self.code}: transition {t.name} twice from {t.source}")
            if not t.roles:
                raise DefinitionError(f"{self.code}: transition {t.name} has no roles")
            seen.add((t.name, t.source))
            unknown = t.not_by_actor_of - {other.name for other in self.transitions}
            if unknown:
                raise DefinitionError(
                    f"{self.code}: transition {t.name} is kept from the actor of unknown {sorted(unknown)}"
                )
            if self.state(t.source).final:
                raise DefinitionError(f"{self.code}: transition {t.name} leaves final state {t.source}")
        for clock in self.clocks:
            if not clock.terms:
                raise DefinitionError(f"{self.code}: clock {clock.code} has no term")
            unknown = (clock.runs_in | clock.suspended_in) - set(codes)
            if unknown:
                raise DefinitionError(f"{self.code}: clock {clock.code} names unknown states {sorted(unknown)}")
            for term in clock.terms:
                if term.hours is not None and (
                    clock.suspended_in or clock.working_days or not (term.days - 1) * 24 < term.hours <= term.days * 24
                ):
                    raise DefinitionError(
                        f"{self.code}: clock {clock.code} counts hours: calendar days covering them, no suspension"
                    )
        if self.answer_transition and self.answer_transition not in {t.name for t in self.transitions}:
            raise DefinitionError(f"{self.code}: unknown answer transition {self.answer_transition}")

    # --- extension -------------------------------------------------------------------------
    def extend(self, transitions: str | tuple[str, ...], *, guards=(), on_enter=()) -> None:
        """Add guards and entry actions to transitions of this procedure, from another app's
        ready() (e.g. the licensing app's prior-authorisation check on the CSG submission): the
        owner of the procedure does not know the app that extends it. Adding the same guard or
        action again changes nothing."""
        names = {transitions} if isinstance(transitions, str) else set(transitions)
        unknown = names - {t.name for t in self.transitions}
        if unknown:
            raise DefinitionError(f"{self.code}: cannot extend unknown transitions {sorted(unknown)}")
        extended = []
        for t in self.transitions:
            if t.name in names:
                t = replace(
                    t,
                    guards=(*t.guards, *(g for g in guards if g not in t.guards)),
                    on_enter=(*t.on_enter, *(a for a in on_enter if a not in t.on_enter)),
                )
            extended.append(t)
        object.__setattr__(self, "transitions", tuple(extended))

    # --- lookups ---------------------------------------------------------------------------
    def state(self, code: str) -> State:
        for state in self.states:
            if state.code == code:
                return state
        raise KeyError(code)

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == state]

    def transition(self, name: str, source: str) -> Transition | None:
        for t in self.transitions:
            if t.name == name and t.source == source:
                return t
        return None

    @property
    def final_states(self) -> frozenset[str]:
        return frozenset(s.code for s in self.states if s.final)

    @property
    def open_states(self) -> frozenset[str]:
        """States in which the case is still being handled (not decided, not final)."""
        return frozenset(s.code for s in self.states if not s.closed)

    def document_type(self, code: str) -> DocumentType | None:
        return next((d for d in self.document_types if d.code == code), None)

    def form_class(self):
        from django.utils.module_loading import import_string

        return import_string(self.application_form) if self.application_form else None

    def describe(self) -> dict:
        """A plain description (the `chancery procedures` command, documentation)."""
        return {
            "code": self.code,
            "name": str(self.name),
            "description": str(self.description),
            "initial": self.initial,
            "states": [
                {
                    "code": s.code,
                    "label": str(s.label),
                    "code_for_applicant": s.code_for_applicant,
                    "final": s.final,
                    "decided": s.decided,
                    "waiting_for_applicant": s.waiting_for_applicant,
                }
                for s in self.states
            ],
            "transitions": [
                {
                    "name": t.name,
                    "label": str(t.label),
                    "from": t.source,
                    "to": t.target,
                    "roles": sorted(t.roles),
                    "guards": [g.code for g in t.guards],
                    "on_enter": [a.code for a in t.on_enter],
                    "reason_required": t.reason_required,
                    "not_by_actor_of": sorted(t.not_by_actor_of),
                }
                for t in self.transitions
            ],
            "clocks": [
                {
                    "code": c.code,
                    "label": str(c.label),
                    "working_days": c.working_days,
                    "runs_in": sorted(c.runs_in),
                    "suspended_in": sorted(c.suspended_in),
                    "terms": [
                        {
                            "days": t.days,
                            "variant": t.variant,
                            "source": t.source,
                            "valid_from": t.valid_from.isoformat(),
                            **({"hours": t.hours} if t.hours is not None else {}),
                        }
                        for t in c.terms
                    ],
                }
                for c in self.clocks
            ],
        }


def states(*items: Iterable[State]) -> tuple[State, ...]:
    return tuple(items)
