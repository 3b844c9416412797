"""Reader classes: what a logged-in reader may know of a dossier, for the theme and phase facets,
without reading the dossiers per search.

A reader's confidentiality rule (core.models.access.visibility_rule) is alternatives of conditions;
those naming nobody (levels and release states) are the same for every reader of a role, the
*class* part; the others are grants (a person named, a government member concerned). What a reader
may know of a dossier (is it visible, its phase from the steps and agenda items they see) is what
their class knows unless one of their grants names them on that dossier, one of its steps or one of
its items. So the index holds, per entry, the theme and phase of its dossier as each class knows it
(`CLASSES`: fields `themes_<class>`, `phase_<class>`; the public's are `themes` and `phase`), and the
people and government members named on the dossier anywhere (`dossier_named_users`,
`dossier_concerned_mandatees`). A search counts the facets of the reader's class in the index, and
works out the reader's own view only for the dossiers where a grant of theirs reaches (`granted`),
which are few. A reader whose rule has a class part that is none of these is counted as before
(every matched dossier read through their view)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from tantivy import Occur
from tantivy import Query as TQuery

from chancery.core.models import User
from chancery.core.models.access import LINK_FIELDS, visibility_rule
from chancery.core.visibility import Condition
from chancery.portal.search.tantivy_index.schema import CLASSES, PUBLIC_CLASS, SCHEMA


def representative(name: str) -> User:
    """A reader of the class with no grant at all (no one is user 0, it represents no mandate)."""
    return User(pk=0, username=f"class-{name}", role=CLASSES[name])


def _is_grant(alternative) -> bool:
    return any(isinstance(part, Condition) and part.field in LINK_FIELDS for part in alternative)


def _canonical(rule) -> frozenset:
    return frozenset(
        frozenset((part.field, frozenset(str(value) for value in part.values)) for part in alternative)
        for alternative in rule
        if not _is_grant(alternative)
    )


@functools.cache
def _known() -> dict[frozenset, str]:
    known = {_canonical(visibility_rule(None)): PUBLIC_CLASS}
    for name in CLASSES:
        known.setdefault(_canonical(visibility_rule(representative(name))), name)
    return known


@dataclass
class ReaderClass:
    """A reader's class (`name`, its index fields) and the filter of the entries whose dossier one
    of their grants reaches (`granted`; None when their rule has no grant that can)."""

    name: str
    granted: TQuery | None

    @property
    def themes_field(self) -> str:
        return "themes" if self.name == PUBLIC_CLASS else f"themes_{self.name}"

    @property
    def phase_field(self) -> str:
        return "phase" if self.name == PUBLIC_CLASS else f"phase_{self.name}"


def reader_class(user) -> ReaderClass | None:
    """The class of a logged-in reader, with their grants as an index filter; None when their
    rule's class part is not one the index holds."""
    rule = visibility_rule(user)
    name = _known().get(_canonical(rule))
    if name is None:
        return None
    grants = []
    for alternative in rule:
        if not _is_grant(alternative):
            continue
        for part in alternative:
            if isinstance(part, Condition) and part.field in LINK_FIELDS:
                values = [int(value) for value in part.values]
                if values:
                    grants.append((Occur.Should, TQuery.term_set_query(SCHEMA, f"dossier_{part.field}", values)))
    return ReaderClass(name, TQuery.boolean_query(grants) if grants else None)
