"""Retention periods: declared by the apps through one registry, with a source; the boundary of
expiry (not on its last day, from the day after); public history kept permanently; a period
changed later does not change a file closed before."""

import datetime

import pytest

from chancery.archive.services import destruction
from chancery.archive.testing import closed_case
from chancery.core.models import AccessLevel, DocumentKind
from chancery.core.retention_registry import Period, Series, add_years, all_series, series

CLOSED = datetime.date(2014, 3, 31)
LAST_DAY = datetime.date(2024, 3, 31)  # CSG: ten years after closing


def test_every_procedure_and_document_kind_has_a_series_with_a_source():
    keys = {one.key for one in all_series()}
    assert {"procedures.CSG", "procedures.VM", "procedures.RF", "procedures.SUB", "procedures.MRP",
            "procedures.FDI"} <= keys  # fmt: skip
    assert {f"core.document.{kind}" for kind in DocumentKind.values} <= keys
    for one in all_series():
        for period in one.periods:
            assert period.source and "Archiefdecreet" in period.source
    assert series("core.document.decision").period_on(datetime.date.today()).permanent


def test_add_years_keeps_the_day_and_turns_29_february_into_28():
    assert add_years(datetime.date(2016, 2, 29), 10) == datetime.date(2026, 2, 28)
    assert add_years(CLOSED, 10) == LAST_DAY


@pytest.mark.django_db
def test_the_day_before_and_on_expiry_it_is_kept_the_day_after_it_is_due():
    case = closed_case("CSG-2014-0001", CLOSED)
    csg = series("procedures.CSG")
    assert csg.expires_on(case) == LAST_DAY
    assert not csg.due(case, LAST_DAY - datetime.timedelta(days=1))
    assert not csg.due(case, LAST_DAY)
    assert csg.due(case, LAST_DAY + datetime.timedelta(days=1))
    due = lambda day: [r.reference for s, _ct, r in destruction.due_records(day) if s.key == "procedures.CSG"]  # noqa: E731
    assert due(LAST_DAY) == []
    assert due(LAST_DAY + datetime.timedelta(days=1)) == ["CSG-2014-0001"]


@pytest.mark.django_db
def test_an_open_file_and_public_history_are_never_due():
    open_case = closed_case("CSG-2000-0001", datetime.date(2000, 1, 1), state="under_assessment")
    public = closed_case("CSG-2000-0002", datetime.date(2000, 1, 1), access_level=AccessLevel.PUBLIC, released=True)
    later = datetime.date(2030, 1, 1)
    found = {r.pk for _s, _ct, r in destruction.due_records(later)}
    assert open_case.pk not in found and public.pk not in found


def test_a_file_keeps_the_period_of_the_day_it_closed():
    one = Series(
        key="test.periods", label="test", model="procedures.Case",
        periods=(Period(10, "Archiefdecreet (oud)", datetime.date(2010, 1, 1)),
                 Period(None, "Archiefdecreet (nieuw)", datetime.date(2020, 1, 1))),
        closed=lambda: [], closed_on=lambda day: day, identifier=str, destroy=lambda r: [],
    )  # fmt: skip
    assert one.expires_on(datetime.date(2015, 6, 1)) == datetime.date(2025, 6, 1)
    assert one.expires_on(datetime.date(2021, 6, 1)) is None  # kept permanently since 2020
    assert one.period_on(datetime.date(2009, 1, 1)) is None
    assert one.expires_on(datetime.date(2009, 1, 1)) == datetime.date(2019, 1, 1)  # the first period
