"""The status rules: concrete cases, and properties that must hold for any evidence (Hypothesis)."""

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from chancery.monitoring.services.status import (
    Assessment,
    BudgetFact,
    Evidence,
    IndicatorFact,
    MilestoneFact,
    Status,
    combine,
    own_status,
)

TODAY = datetime.date(2026, 11, 29)

days = st.integers(min_value=-400, max_value=400).map(lambda n: TODAY + datetime.timedelta(days=n))
milestones = st.builds(MilestoneFact, title=st.just("M"), due=days, open=st.booleans(), counts=st.booleans())
amounts = st.decimals(min_value=0, max_value=1000, places=1, allow_nan=False, allow_infinity=False)
indicators = st.builds(
    IndicatorFact,
    name=st.just("I"),
    baseline=amounts,
    baseline_date=st.just(datetime.date(2024, 1, 1)),
    target=amounts,
    target_date=days,
    value=st.none() | amounts,
    value_date=days,
)
budgets = st.none() | st.builds(BudgetFact, year=st.just(TODAY.year), planned=amounts, spent=amounts)
evidence = st.builds(Evidence, milestones=st.lists(milestones, max_size=4), indicators=st.lists(indicators, max_size=3),
                     budget=budgets)  # fmt: skip
assessments = st.builds(Assessment, status=st.sampled_from(list(Status)), reasons=st.just(()))


def test_concrete_cases():
    on_time = MilestoneFact("Oproep gepubliceerd", TODAY + datetime.timedelta(days=10), open=True)
    late = MilestoneFact("Partners gekozen", TODAY - datetime.timedelta(days=20), open=True)
    very_late = MilestoneFact("Akkoord getekend", TODAY - datetime.timedelta(days=120), open=True)
    assert own_status(Evidence(), TODAY).status == Status.UNKNOWN
    assert own_status(Evidence(milestones=[on_time]), TODAY).status == Status.ON_TRACK
    at_risk = own_status(Evidence(milestones=[on_time, late]), TODAY)
    assert at_risk.status == Status.AT_RISK and "20 dagen te laat" in at_risk.reasons[0]
    assert own_status(Evidence(milestones=[very_late]), TODAY).status == Status.OFF_TRACK
    dropped = MilestoneFact("Vergeten", TODAY - datetime.timedelta(days=300), open=False, counts=False)
    assert own_status(Evidence(milestones=[dropped]), TODAY).status == Status.UNKNOWN
    # Halfway in time (2024 → 2028, value of 2026) but only a tenth of the way: 40 points behind.
    behind = IndicatorFact("Partnerschappen", Decimal(10), datetime.date(2024, 1, 1), Decimal(30),
                           datetime.date(2028, 1, 1), Decimal(12), datetime.date(2026, 1, 1))  # fmt: skip
    result = own_status(Evidence(indicators=[behind]), TODAY)
    assert result.status == Status.OFF_TRACK and "procentpunt" in result.reasons[0]
    lower_is_better = IndicatorFact("Wachttijd", Decimal(100), datetime.date(2024, 1, 1), Decimal(50),
                                    datetime.date(2028, 1, 1), Decimal(72), datetime.date(2026, 1, 1))  # fmt: skip
    assert own_status(Evidence(indicators=[lower_is_better]), TODAY).status == Status.ON_TRACK
    idle = own_status(Evidence(budget=BudgetFact(TODAY.year, Decimal(1000), Decimal(100))), TODAY)
    assert idle.status == Status.AT_RISK


def test_children_roll_up():
    on, risk, off = (Assessment(s, ()) for s in (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK))
    nothing = Assessment(Status.UNKNOWN, ())
    assert combine(nothing, [("a", on), ("b", on)]).status == Status.ON_TRACK
    assert combine(nothing, [("a", on), ("b", risk), ("c", on)]).status == Status.AT_RISK
    assert combine(nothing, [("a", on), ("b", off), ("c", on)]).status == Status.AT_RISK
    assert combine(nothing, [("a", off), ("b", on)]).status == Status.OFF_TRACK  # half of them
    assert combine(nothing, [("a", nothing)]).status == Status.UNKNOWN


@settings(max_examples=300, deadline=None)
@given(evidence=evidence)
def test_a_late_milestone_never_makes_things_better(evidence):
    before = own_status(evidence, TODAY).status
    evidence.milestones.append(MilestoneFact("Later", TODAY - datetime.timedelta(days=5), open=True))
    after = own_status(evidence, TODAY).status
    assert after >= max(before, Status.AT_RISK)


@settings(max_examples=300, deadline=None)
@given(evidence=evidence)
def test_finishing_milestones_never_makes_things_worse(evidence):
    before = own_status(evidence, TODAY).status
    evidence.milestones = [MilestoneFact(m.title, m.due, open=False, counts=m.counts) for m in evidence.milestones]
    after = own_status(evidence, TODAY).status
    assert after <= before or before == Status.UNKNOWN


@settings(max_examples=300, deadline=None)
@given(evidence=evidence)
def test_every_status_worse_than_on_track_gives_its_reasons(evidence):
    result = own_status(evidence, TODAY)
    assert (result.status >= Status.AT_RISK) == bool(result.reasons)


@settings(max_examples=300, deadline=None)
@given(own=assessments, children=st.lists(assessments, max_size=6))
def test_a_parent_is_never_better_than_its_parts_allow(own, children):
    result = combine(own, [(str(i), child) for i, child in enumerate(children)])
    assert result.status >= own.status
    if any(child.status >= Status.AT_RISK for child in children):
        assert result.status >= Status.AT_RISK
    if all(child.status == Status.UNKNOWN for child in children):
        assert result.status == own.status


def test_burn_down_counts_what_is_still_to_do():
    from chancery.monitoring.models import Milestone
    from chancery.monitoring.services.milestones import burn_down

    done = Milestone(title="a", due=datetime.date(2026, 2, 10), status="done", done_on=datetime.date(2026, 3, 5))
    open_ = Milestone(title="b", due=datetime.date(2026, 4, 1), status="in_progress")
    dropped = Milestone(title="c", due=datetime.date(2026, 1, 1), status="dropped", drop_reason="x")
    actual, planned = burn_down([done, open_, dropped], datetime.date(2026, 1, 1), datetime.date(2026, 5, 1))
    assert [int(p.value) for p in planned] == [2, 2, 1, 1, 0]  # due on or after the first of Jan…May
    assert [int(p.value) for p in actual][:4] == [2, 2, 2, 1]  # a done on 5 March counts until April


@settings(max_examples=200, deadline=None)
@given(evidence, st.lists(assessments, max_size=4))
def test_the_status_without_reasons_is_the_same_status(evidence, children):
    """The dashboard asks for statuses only (`reasons=False`): the same status, no sentences."""
    full, bare = own_status(evidence, TODAY), own_status(evidence, TODAY, reasons=False)
    assert bare == Assessment(full.status, ())
    parts = [(str(n), child) for n, child in enumerate(children)]
    assert combine(bare, parts, reasons=False) == Assessment(combine(full, parts).status, ())
