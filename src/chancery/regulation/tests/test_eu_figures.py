"""The State of Regulation's EU obligations and pages: the sums over the acts adopted in the period
that have them recorded by the EU obligations tracker (eu_files), None when none has."""

import datetime

from chancery.eu_files.models import EuAct
from chancery.regulation.models import Regulation
from chancery.regulation.services.eu_figures import eu_figures


def act(celex: str, adopted: datetime.date | None, obligations=None, pages=None) -> EuAct:
    return EuAct.objects.create(
        celex=celex,
        kind="directive",
        title=f"Richtlijn {celex}",
        adopted_on=adopted,
        obligations=obligations,
        pages=pages,
    )


def test_obligations_and_pages_are_summed_over_the_acts_adopted_in_the_period(db):
    regulations = Regulation.objects.all()
    act("32023L0001", datetime.date(2023, 1, 10))  # nothing recorded yet
    assert (eu_figures(2023, 2024, regulations).obligations, eu_figures(2023, 2024, regulations).pages) == (None, None)
    act("32023L0002", datetime.date(2023, 6, 1), obligations=12, pages=40)
    act("32024L0003", datetime.date(2024, 12, 31), obligations=3, pages=None)
    act("32025L0004", datetime.date(2025, 1, 1), obligations=100, pages=100)  # after the period
    act("32022L0005", datetime.date(2022, 12, 31), obligations=100, pages=100)  # before it
    figures = eu_figures(2023, 2024, regulations)
    assert (figures.obligations, figures.pages) == (15, 40)
    assert figures.acts_followed == 5 and figures.directives == 5
