"""Deadline clocks: the arithmetic across weekends, Belgian and Flemish holidays and suspensions
(property-based), and the clocks of a real case (suspended while waiting, term by decision level)."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chancery.core.calendar import is_working_day
from chancery.procedures import clocks
from chancery.procedures.services import cases as engine
from chancery.procedures.services import clocks as case_clocks
from chancery.procedures.services import work
from chancery.procedures.testing import apply_for_licence, assess, pdf, second_person

days = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2030, 12, 31))
terms = st.integers(min_value=1, max_value=120)
gaps = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 60)), min_size=0, max_size=4)


def periods_from(start, spans):
    """Running periods from `start`: (run n days, then suspended m days) for each span, then open."""
    result, day = [], start
    for run, pause in spans:
        end = day + datetime.timedelta(days=run)
        result.append((day, end))
        day = end + datetime.timedelta(days=pause)
    result.append((day, None))
    return result


@settings(max_examples=200, deadline=None)
@given(start=days, term=terms)
def test_calendar_days_count_every_day(start, term):
    assert clocks.due_date([(start, None)], term, working=False) == start + datetime.timedelta(days=term)


@settings(max_examples=200, deadline=None)
@given(start=days, term=terms)
def test_working_days_skip_weekends_and_holidays(start, term):
    due = clocks.due_date([(start, None)], term, working=True)
    assert is_working_day(due)
    assert clocks.counted_days(start, due, working=True) == term
    # The day before is one working day short: the due date is the first day the term is reached.
    assert clocks.counted_days(start, due - datetime.timedelta(days=1), working=True) == term - 1
    assert due.weekday() < 5


@settings(max_examples=200, deadline=None)
@given(start=days, term=terms, spans=gaps, working=st.booleans())
def test_suspensions_never_count(start, term, spans, working):
    periods = periods_from(start, spans)
    due = clocks.due_date(periods, term, working)
    assert due is not None
    # The days counted up to the due date, over the running periods only, are exactly the term.
    counted = 0
    for begin, end in periods:
        stop = due if end is None else min(end, due)
        counted += clocks.counted_days(begin, stop, working)
    assert counted == term
    # A suspension never brings the due date forward.
    assert due >= clocks.due_date([(start, None)], term, working)


@settings(max_examples=200, deadline=None)
@given(start=days, term=terms, run=st.integers(0, 200), pause=st.integers(0, 100))
def test_calendar_suspension_shifts_the_due_date_by_its_length(start, term, run, pause):
    """Suspended for `pause` days before the term ran out: due exactly `pause` days later."""
    end = start + datetime.timedelta(days=run)
    periods = [(start, end), (end + datetime.timedelta(days=pause), None)]
    plain = start + datetime.timedelta(days=term)
    expected = plain + datetime.timedelta(days=pause) if run < term else plain
    assert clocks.due_date(periods, term, working=False) == expected


@settings(max_examples=100, deadline=None)
@given(start=days, term=terms, cut=st.integers(0, 60), working=st.booleans())
def test_a_suspension_of_zero_days_changes_nothing(start, term, cut, working):
    middle = start + datetime.timedelta(days=cut)
    assert clocks.due_date([(start, middle), (middle, None)], term, working) == clocks.due_date(
        [(start, None)], term, working
    )


@settings(max_examples=100, deadline=None)
@given(start=days, term=terms, run=st.integers(0, 60), working=st.booleans())
def test_a_suspended_clock_has_no_due_date_until_it_resumes(start, term, run, working):
    end = start + datetime.timedelta(days=run)
    due = clocks.due_date([(start, end)], term, working)
    if clocks.counted_days(start, end, working) >= term:
        assert due is not None and due <= end  # it had already run out before the suspension
    else:
        assert due is None
        left = clocks.remaining_days([(start, end)], term, working, end + datetime.timedelta(days=30))
        assert left == term - clocks.counted_days(start, end, working)


def test_known_holidays():
    # Thursday 10 July 2025, 5 working days: 11 July (Flemish Community) and the weekend do not
    # count, nor 21 July (National Day): Mon 14, Tue 15, Wed 16, Thu 17, Fri 18.
    assert clocks.due_date([(datetime.date(2025, 7, 10), None)], 5, working=True) == datetime.date(2025, 7, 18)
    # Christmas: Wed 24 December 2025, 2 working days: not 25 Dec, so Fri 26 and Mon 29.
    assert clocks.due_date([(datetime.date(2025, 12, 24), None)], 2, working=True) == datetime.date(2025, 12, 29)
    # Easter Monday 6 April 2026 does not count.
    assert clocks.due_date([(datetime.date(2026, 4, 3), None)], 1, working=True) == datetime.date(2026, 4, 7)


# --- the clock of a real case -----------------------------------------------------------------------


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)


def test_a_case_clock_is_suspended_while_waiting_and_follows_the_decision_level(applicant, handler):
    case = apply_for_licence(applicant)
    start = datetime.date(2026, 3, 2)

    def step(name, day, reason=""):
        engine.fire(case, name, handler, reason=reason, expected_version=case.version, now=at(day))

    step("declare_complete", start)
    assert case.due_on == start + datetime.timedelta(days=42)
    # Ten days of assessment, then a question: suspended for 20 days.
    step("request_information", start + datetime.timedelta(days=10), "Vraag")
    assert case.due_on is None
    # The applicant answers 20 days later: the clock resumes that day.
    work.answer_request(
        applicant, case, message="Antwoord", expected_version=case.version, now=at(start + datetime.timedelta(days=30))
    )
    case.refresh_from_db()
    assert case.state == "under_assessment"
    assert case.due_on == start + datetime.timedelta(days=42 + 20)
    # Referred to the minister: the 84-day term applies to the same periods.
    assess(case, handler)
    step("refer_to_minister", start + datetime.timedelta(days=31))
    assert case.data["decision_level"] == "minister"
    assert case.due_on == start + datetime.timedelta(days=84 + 20)
    status = case_clocks.statuses(case, start + datetime.timedelta(days=31))[0]
    assert status.running and status.term.days == 84 and status.remaining == 84 - 11


def test_a_late_decision_is_counted_as_late(applicant, handler):
    case = apply_for_licence(applicant)
    start = datetime.date(2026, 1, 5)
    engine.fire(case, "declare_complete", handler, expected_version=case.version, now=at(start))
    assess(case, handler)
    proposer = second_person(handler)  # four eyes: the handler decides what a colleague proposed
    engine.fire(case, "propose_department_decision", proposer, expected_version=case.version, now=at(start))
    late = start + datetime.timedelta(days=50)
    engine.fire(case, "refuse", handler, reason="Criterium 2", expected_version=case.version, now=at(late))
    assert case.within_term is False and case.due_on is None
    status = case_clocks.statuses(case, late)[0]
    assert status.stopped and status.remaining == 42 - 50


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2027, 12, 31)),
    spans=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=3),
)
def test_a_case_clock_agrees_with_the_arithmetic(applicant, handler, start, spans):
    """Through the engine: complete, then advice asked and received a few times; the case's due
    date is the pure arithmetic's, over the same running periods."""
    case = apply_for_licence(applicant)
    work.add_document(handler, case, upload=pdf("advies.pdf"), kind="external_advice", internal=True)
    engine.fire(case, "declare_complete", handler, expected_version=case.version, now=at(start))
    day = start
    for run, pause in spans:
        day += datetime.timedelta(days=run)
        engine.fire(case, "request_advice", handler, expected_version=case.version, now=at(day))
        day += datetime.timedelta(days=pause)
        engine.fire(case, "advice_received", handler, expected_version=case.version, now=at(day))
    assert case.due_on == clocks.due_date(periods_from(start, spans), 42, working=False)
