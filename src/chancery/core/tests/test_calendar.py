import datetime

from hypothesis import given
from hypothesis import strategies as st

from chancery.core.calendar import add_working_days, is_working_day


def test_belgian_and_flemish_holidays_are_not_working_days():
    for day in ("2026-01-01", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25", "2026-07-11", "2026-07-21",
                "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"):  # fmt: skip
        assert not is_working_day(datetime.date.fromisoformat(day)), day
    assert is_working_day(datetime.date(2026, 12, 4))  # a Friday
    assert not is_working_day(datetime.date(2026, 12, 5))  # Saturday


def test_next_working_day_skips_weekends_and_holidays():
    assert add_working_days(datetime.date(2026, 12, 4), 1) == datetime.date(2026, 12, 7)  # Friday → Monday
    assert add_working_days(datetime.date(2026, 12, 24), 1) == datetime.date(2026, 12, 28)  # over Christmas
    assert add_working_days(datetime.date(2026, 7, 10), 1) == datetime.date(2026, 7, 13)  # 11 July on a Saturday


@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2060, 12, 31)), st.integers(1, 30))
def test_adding_working_days_lands_on_a_working_day_after_the_start(start, count):
    result = add_working_days(start, count)
    assert result > start and is_working_day(result)
    assert sum(is_working_day(start + datetime.timedelta(days=d)) for d in range(1, (result - start).days + 1)) == count
