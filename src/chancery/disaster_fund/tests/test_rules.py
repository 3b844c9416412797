"""The disaster fund's rules: the compensation worked by hand in cents, the terms (property-based:
month ends, leap years, the window and late-claim limits) and the figures' configuration."""

import calendar
import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from chancery.disaster_fund import rules
from chancery.disaster_fund.services import compensation as svc
from chancery.disaster_fund.services.compensation import (
    add_months,
    cents,
    claim_deadline,
    compute,
    in_claim_window,
    late_claim_admissible,
    late_claim_deadline,
)

PUBLISHED = datetime.date(2024, 1, 15)
APP = Path(__file__).resolve().parents[1]


def outcome(claimant="private", damage=0, insurance=0, insurable=False, on=PUBLISHED):
    return compute(claimant=claimant, damage_cents=damage, insurance_cents=insurance,
                   insurable_simple_risks=insurable, on=on)  # fmt: skip


# --- the computation, worked by hand -----------------------------------------------------------


def test_private_damage_minus_insurance_minus_500():
    # 12,000.00 − 3,000.00 − 500.00 = 8,500.00
    result = outcome(damage=1_200_000, insurance=300_000)
    assert result.eligible and result.compensation_cents == 850_000 and result.compensation_eur == "8500.00"
    assert [line.amount_cents for line in result.lines] == [1_200_000, -300_000, -50_000, 850_000]
    assert sum(line.amount_cents for line in result.lines[:-1]) == result.lines[-1].amount_cents


def test_public_domain_deducts_12500():
    # 40,000.01 − 0 − 12,500.00 = 27,500.01
    result = outcome("public_domain", damage=4_000_001)
    assert result.compensation_cents == 2_750_001
    assert result.lines[2].amount_cents == -1_250_000


def test_odd_cents_are_kept_exactly():
    # 1,234.57 − 100.01 − 500.00 = 634.56
    assert outcome(damage=123_457, insurance=10_001).compensation_eur == "634.56"


@pytest.mark.parametrize(
    "claimant, damage, expected",
    [
        ("private", 50_000, 0),
        ("private", 50_001, 1),
        ("public_domain", 1_250_000, 0),
        ("public_domain", 1_250_100, 100),
    ],
)
def test_the_deductible_boundary(claimant, damage, expected):
    result = outcome(claimant, damage=damage)
    assert result.compensation_cents == expected and result.eligible


def test_damage_below_the_deductible_is_zero_with_the_reason():
    result = outcome(damage=40_000)  # 400.00 − 500.00 → 0, never below zero
    assert result.compensation_cents == 0 and result.eligible
    assert "vrijstelling" in result.reason
    assert [line.amount_cents for line in result.lines] == [40_000, 0, -50_000, 10_000, 0]


def test_insurance_above_the_damage_is_zero_with_the_reason():
    result = outcome(damage=500_000, insurance=600_000)
    assert result.compensation_cents == 0 and result.eligible
    assert "hoger dan de schade" in result.reason
    assert result.lines[-2].label == result.reason
    assert sum(line.amount_cents for line in result.lines[:-1]) == 0


@pytest.mark.parametrize("claimant", rules.CLAIMANTS)
def test_goods_insurable_under_simple_risks_are_excluded(claimant):
    result = outcome(claimant, damage=1_000_000, insurable=True)
    assert not result.eligible and result.compensation_cents == 0
    assert "eenvoudige risico" in result.reason
    assert result.lines[1].source.startswith(rules.SOURCE_CONDITIONS)


def test_lines_are_labelled_in_dutch():
    from django.utils import translation

    with translation.override("nl"):
        labels = [line.label for line in outcome(damage=1_000_000, insurance=1).lines]
    assert labels == [
        "Schade",
        "Min uitkeringen van verzekeringen",
        "Min vrijstelling (private goederen)",
        "Vergoeding",
    ]


@settings(max_examples=300, deadline=None)
@given(
    claimant=st.sampled_from(rules.CLAIMANTS),
    damage=st.integers(0, 10**12),
    insurance=st.integers(0, 10**12),
    insurable=st.booleans(),
)
def test_compensation_is_never_negative_and_the_lines_add_up(claimant, damage, insurance, insurable):
    result = outcome(claimant, damage=damage, insurance=insurance, insurable=insurable)
    deductible = rules.deductible(claimant, PUBLISHED).cents
    expected = 0 if insurable else max(0, damage - insurance - deductible)
    assert result.compensation_cents == expected
    assert sum(line.amount_cents for line in result.lines[:-1]) == result.lines[-1].amount_cents == expected
    assert all(isinstance(line.amount_cents, int) for line in result.lines)


# --- amounts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [("0", 0), ("1250", 125_000), ("1250.5", 125_050), ("0.01", 1),
                                            (" 12.34 ", 1234), (7, 700), (Decimal("99.99"), 9999)])  # fmt: skip
def test_amounts_are_read_to_cents(text, expected):
    assert cents(text, "damage_eur") == expected


@pytest.mark.parametrize("bad", ["-1", "-0.01", "abc", "", "1,5", "1.234", "NaN", "Infinity", "1e3", None, True,
                                 [], "12 000", {"eur": 1}, 0.5 + 1])  # fmt: skip
def test_bad_amounts_are_refused(bad):
    with pytest.raises(ValidationError):
        cents(bad, "damage_eur")


def test_no_binary_fraction_in_the_rules():
    for path in (APP / "rules.py", APP / "services" / "compensation.py"):
        assert "float" not in path.read_text(encoding="utf-8").lower(), path
    # The command's one mention tells the JSON reader to read numbers as Decimal.
    command = (APP / "management" / "commands" / "disaster-compensation.py").read_text(encoding="utf-8")
    assert re.findall(r"\w*float\w*", command.lower()) == ["parse_float"]


# --- the terms --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "published, deadline",
    [
        ("2024-01-15", "2024-04-30"),
        ("2020-12-23", "2021-03-31"),  # the example of vlaanderen.be
        ("2023-11-30", "2024-02-29"),  # into a leap February
        ("2022-11-01", "2023-02-28"),
        ("2024-10-31", "2025-01-31"),  # across the year end
        ("2024-02-29", "2024-05-31"),
    ],
)
def test_claim_deadline_examples(published, deadline):
    assert claim_deadline(datetime.date.fromisoformat(published)).isoformat() == deadline


@pytest.mark.parametrize(
    "published, deadline",
    [("2024-01-15", "2025-01-15"), ("2024-02-29", "2025-02-28"), ("2023-03-01", "2024-03-01"),
     ("2023-12-31", "2024-12-31")],
)  # fmt: skip
def test_late_claim_deadline_examples(published, deadline):
    assert late_claim_deadline(datetime.date.fromisoformat(published)).isoformat() == deadline


@pytest.mark.parametrize(
    "start, end", [("2024-01-31", "2024-02-29"), ("2023-01-31", "2023-02-28"), ("2024-03-31", "2024-04-30"),
                   ("2024-12-15", "2025-01-15")],
)  # fmt: skip
def test_one_month_terms(start, end):
    start = datetime.date.fromisoformat(start)
    for key in ("expert_report_comment", "rectification", "appeal"):
        assert svc.term_end(start, key).isoformat() == end


def test_damage_report_within_60_days():
    assert svc.damage_report_deadline(datetime.date(2024, 7, 14)) == datetime.date(2024, 9, 12)


days = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2100, 12, 31))


@settings(max_examples=500, deadline=None)
@given(published=days)
def test_claim_deadline_is_the_last_day_of_the_third_month_after(published):
    deadline = claim_deadline(published)
    month_index = published.year * 12 + published.month - 1 + 3
    year, month0 = divmod(month_index, 12)
    assert (deadline.year, deadline.month) == (year, month0 + 1)
    assert deadline.day == calendar.monthrange(deadline.year, deadline.month)[1]
    assert (deadline + datetime.timedelta(days=1)).day == 1
    assert in_claim_window(published, published) and in_claim_window(published, deadline)
    assert not in_claim_window(published, deadline + datetime.timedelta(days=1))
    assert not in_claim_window(published, published - datetime.timedelta(days=1))
    assert 89 <= (deadline - published).days <= 123


@settings(max_examples=500, deadline=None)
@given(published=days)
def test_late_claim_deadline_is_the_same_day_a_year_later(published):
    deadline = late_claim_deadline(published)
    assert deadline.year == published.year + 1 and deadline.month == published.month
    if (published.month, published.day) == (2, 29):
        assert deadline.day == 28
    else:
        assert deadline.day == published.day
    assert claim_deadline(published) < deadline


@settings(max_examples=500, deadline=None)
@given(start=days, months=st.integers(0, 24))
def test_add_months_keeps_the_day_or_takes_the_month_end(start, months):
    end = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    last = calendar.monthrange(end.year, end.month)[1]
    assert end.day == min(start.day, last)


@settings(max_examples=500, deadline=None)
@given(published=days, impediment_after=st.integers(0, 400), filed_after=st.integers(0, 200))
def test_late_claim_limits(published, impediment_after, filed_after):
    ended = published + datetime.timedelta(days=impediment_after)
    filed = ended + datetime.timedelta(days=filed_after)
    admissible = late_claim_admissible(published, ended, filed)
    expected = claim_deadline(published) < filed <= late_claim_deadline(published) and filed <= add_months(ended, 3)
    assert admissible == expected
    if admissible:
        assert not in_claim_window(published, filed)


def test_late_claim_boundaries():
    published = datetime.date(2024, 1, 15)
    ended = datetime.date(2024, 10, 1)
    assert not late_claim_admissible(published, ended, datetime.date(2024, 4, 30))  # still in the window
    assert late_claim_admissible(published, ended, datetime.date(2024, 12, 31))
    assert late_claim_admissible(published, ended, datetime.date(2025, 1, 1))  # three months after 1 October
    assert not late_claim_admissible(published, ended, datetime.date(2025, 1, 2))
    late_end = datetime.date(2024, 12, 1)
    assert late_claim_admissible(published, late_end, datetime.date(2025, 1, 15))  # one year after publication
    assert not late_claim_admissible(published, late_end, datetime.date(2025, 1, 16))


# --- the configuration ------------------------------------------------------------------------


def test_every_figure_has_a_source_and_a_validity_date():
    entries = rules.TERMS + rules.DEDUCTIBLES + rules.EXCLUSIONS + rules.CROP_SHARES + rules.THRESHOLDS
    for entry in entries:
        assert entry.source.strip()
        assert isinstance(getattr(entry, "valid_from", rules.DECREE_IN_FORCE), datetime.date)
        if not entry.verified:
            assert entry.source.startswith("TE VERIFIËREN") or entry.source == rules.SOURCE_CROPS
    assert {d.claimant: d.cents for d in rules.DEDUCTIBLES} == {"private": 50_000, "public_domain": 1_250_000}


def test_the_figure_in_force_is_the_latest_not_after_the_day(monkeypatch):
    later = rules.Deductible("private", 750_00, "test", datetime.date(2030, 1, 1))
    monkeypatch.setattr(rules, "DEDUCTIBLES", rules.DEDUCTIBLES + (later,))
    assert rules.deductible("private", datetime.date(2029, 12, 31)).cents == 500_00
    assert rules.deductible("private", datetime.date(2030, 1, 1)).cents == 750_00
    assert outcome(damage=100_000, on=datetime.date(2030, 6, 1)).compensation_cents == 25_000


@pytest.mark.parametrize(
    "insured, year, share",
    [("60", 2020, "80"), ("60", 2024, "16"), ("30", 2022, "24"), ("25", 2020, "40"), ("50", 2020, "40"),
     ("50.01", 2021, "64"), ("20", 2021, "0"), ("80", 2025, "0"), ("100", 2030, "0")],
)  # fmt: skip
def test_the_configured_crop_shares(insured, year, share):
    percentage, verified = svc.crop_share(Decimal(insured), year)
    assert percentage == Decimal(share)
    if Decimal(insured) >= 25:
        assert not verified  # the table is marked to verify (a municipality's table, the 50 % boundary)
