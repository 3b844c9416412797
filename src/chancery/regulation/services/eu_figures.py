"""The EU figures of the State of Regulation, read in ONE place.

The EU acts are `eu_files`' (the EU obligations tracker, MISSION C5, one model with the EU files of
E3); the transpositions and gold-plating are the register's. Obligations and pages are the sums over
the acts adopted in the period that have them recorded; None when none has (the report then shows
the memorandum's baseline from configuration)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Sum

from chancery.eu_files.models import EuAct
from chancery.regulation.models import GoldPlatingItem, Transposition


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
    acts = EuAct.objects.all()
    adopted = acts.filter(adopted_on__year__gte=first_year, adopted_on__year__lte=last_year).aggregate(
        obligations_sum=Sum("obligations"),
        pages_sum=Sum("pages"),
        with_obligations=Count("obligations"),
        with_pages=Count("pages"),
    )
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
        obligations=adopted["obligations_sum"] if adopted["with_obligations"] else None,
        pages=adopted["pages_sum"] if adopted["with_pages"] else None,
    )
