"""The EU figures of the State of Regulation, read in ONE place.

The EU acts and their transpositions are moving to their own app (the EU obligations tracker,
MISSION C5). The report reads them only through `eu_figures`, so that pointing it at the new app is
a change of this module alone. Obligations and pages are counted when the tracker records them;
until then they are None and the report shows the memorandum's baseline (configuration)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EuFigures:
    acts_followed: int
    directives: int
    transposed: int  # EU acts with at least one transposing regulation in the register
    deadlines_in_period: int  # transposition deadlines falling within the period
    gold_plating: tuple[tuple[str, str, str, str], ...]  # (regulation, CELEX, provision, reason)
    obligations: int | None
    pages: int | None


def eu_figures(first_year: int, last_year: int, regulations) -> EuFigures:
    """`regulations`: the regulations the report counts (the public register)."""
    from chancery.regulation.models import EuAct, GoldPlatingItem, Transposition

    acts = EuAct.objects.all()
    return EuFigures(
        acts_followed=acts.count(),
        directives=acts.filter(kind=EuAct.Kind.DIRECTIVE).count(),
        transposed=Transposition.objects.filter(regulation__in=regulations).values("eu_act").distinct().count(),
        deadlines_in_period=acts.filter(
            transposition_deadline__year__gte=first_year, transposition_deadline__year__lte=last_year
        ).count(),
        gold_plating=tuple(
            GoldPlatingItem.objects.filter(transposition__regulation__in=regulations)
            .order_by("transposition__regulation__title", "pk")
            .values_list("transposition__regulation__title", "transposition__eu_act__celex", "provision", "reason")
        ),
        obligations=None,
        pages=None,
    )
