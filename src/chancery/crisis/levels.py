"""The escalation levels of a crisis, as configuration with their sources.

The Belgian coordination phases are those of the Royal Decree of 22 May 2019 on emergency planning
and the management of emergencies at municipal and provincial level (KB 22 mei 2019 betreffende de
noodplanning en het beheer van noodsituaties op het gemeentelijk en provinciaal niveau, art. 1 and
chapter 4: the municipal and provincial phase; the national phase: the Royal Decree of 31 January
2003 on the emergency plan for crises that need coordination or management at national level). The
levels below them are the department's own (its crisis cell's house rules): an incident followed
by the service concerned, then the department's crisis cell, then the Flemish Government's
coordination. A crisis moves up or down these levels; each change is in its logbook.

`rank` orders them; `phase` is True for a coordination phase declared under Belgian law (the
Flemish administration then supports the authority that leads it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Level:
    code: str
    rank: int
    label: str
    source: str
    phase: bool = False


LEVELS: tuple[Level, ...] = (
    Level("monitoring", 0, _("Monitoring by the service concerned"), "house rules of the department's crisis cell"),
    Level("department", 1, _("Department's crisis cell"), "house rules of the department's crisis cell"),
    Level("flemish", 2, _("Flemish coordination"), "house rules: the Flemish Government's crisis coordination"),
    Level("municipal", 3, _("Municipal phase"), "KB 22 mei 2019, art. 1 and chapter 4", phase=True),
    Level("provincial", 4, _("Provincial phase"), "KB 22 mei 2019, art. 1 and chapter 4", phase=True),
    Level("national", 5, _("National phase"), "KB 31 januari 2003 (nationaal noodplan)", phase=True),
)
BY_CODE = {level.code: level for level in LEVELS}
CHOICES = [(level.code, level.label) for level in LEVELS]

# A business-continuity plan is reviewed at planned intervals (ISO 22301:2019, §8.4.5 and §9.3);
# the department's policy is a yearly review. A plan whose review date is within this many days is
# announced as due; past it, as overdue.
CONTINUITY_REVIEW_MONTHS = 12
CONTINUITY_DUE_SOON_DAYS = 30
