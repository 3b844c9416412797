"""The Standard Cost Model: hand-worked examples in cents, the rounding rule, property tests
(totals equal the sum of their parts, burden never above cost, a tariff only from its date) and the
refusal of every kind of bad figure."""

from datetime import date, timedelta
from decimal import Decimal, localcontext

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chancery.regulation.services import burden
from chancery.regulation.services.burden import Activity, Figures, Obligation


def activity(**figures) -> Activity:
    values = {
        "name": "activiteit",
        "time_hours": "1",
        "tariff_eur_per_hour": "0",
        "out_of_pocket_eur": "0",
        "population": "1",
        "frequency_per_year": "1",
        "business_as_usual_share": "0",
        **figures,
    }
    one_off = values.pop("one_off", False)
    name = values.pop("name")
    return Activity(name=name, one_off=one_off, **{k: Decimal(v) for k, v in values.items()})


def test_a_hand_worked_activity():
    # A company files a yearly report: 2 h 30 at 54 euro, 12.40 euro of postage, 1,200 companies,
    # twice a year; 25 % it would do anyway.
    # price = 2.5 × 54 + 12.40 = 147.40; quantity = 1,200 × 2 = 2,400; cost = 353,760.00;
    # burden = 353,760 × 0.75 = 265,320.00
    figures = activity(
        time_hours="2.5",
        tariff_eur_per_hour="54",
        out_of_pocket_eur="12.40",
        population="1200",
        frequency_per_year="2",
        business_as_usual_share="0.25",
    ).figures()
    assert figures == Figures(Decimal("353760.00"), Decimal("265320.00"), Decimal("0.00"), Decimal("265320.00"))


def test_one_off_and_structural_split_the_burden():
    # Getting to know a new rule, once: 4 h at 15 euro by 10,000 citizens = 600,000.00, no BAU.
    once = activity(time_hours="4", tariff_eur_per_hour="15", population="10000", one_off=True).figures()
    assert (once.one_off, once.structural) == (Decimal("600000.00"), Decimal("0.00"))
    # One obligation: a one-off hour at 15 euro and a yearly hour at 20 euro, half business as usual.
    result = burden.compute(
        [
            Obligation(
                "Melding",
                (
                    activity(tariff_eur_per_hour="15", one_off=True),
                    activity(tariff_eur_per_hour="20", business_as_usual_share="0.5"),
                ),
            )
        ]
    )
    assert result.figures.one_off == Decimal("15.00")
    assert result.figures.structural == Decimal("10.00")
    assert result.figures.administrative_cost == Decimal("35.00")
    assert result.figures.one_off + result.figures.structural == result.figures.administrative_burden


def test_each_activity_is_rounded_half_up_once_and_totals_add_the_cents():
    # 0.333 hour at 15 euro: 4.995 → 5.00.
    third = activity(time_hours="0.333", tariff_eur_per_hour="15")
    assert third.figures().administrative_cost == Decimal("5.00")
    # 0.125 euro out of pocket: 0.13 half up (half even would give 0.12).
    assert activity(out_of_pocket_eur="0.125").figures().administrative_cost == Decimal("0.13")
    # Three such activities: the total is 0.39, the sum of the displayed parts, not 0.375 → 0.38.
    result = burden.compute([Obligation("O", tuple(activity(out_of_pocket_eur="0.125") for _ in range(3)))])
    assert result.figures.administrative_cost == Decimal("0.39")
    assert result.as_json()["administrative_cost_eur"] == "0.39"


def test_as_json_has_the_interface_keys():
    result = burden.compute([Obligation("Aanvraag", (activity(name="Invullen", tariff_eur_per_hour="54"),))])
    assert result.as_json() == {
        "administrative_cost_eur": "54.00",
        "administrative_burden_eur": "54.00",
        "one_off_eur": "0.00",
        "structural_eur": "54.00",
        "obligations": [
            {
                "name": "Aanvraag",
                "administrative_cost_eur": "54.00",
                "administrative_burden_eur": "54.00",
                "one_off_eur": "0.00",
                "structural_eur": "54.00",
                "activities": [
                    {
                        "name": "Invullen",
                        "administrative_cost_eur": "54.00",
                        "administrative_burden_eur": "54.00",
                        "one_off_eur": "0.00",
                        "structural_eur": "54.00",
                    }
                ],
            }
        ],
    }


def test_an_empty_calculation_is_zero():
    assert burden.compute([]).as_json()["administrative_cost_eur"] == "0.00"


figure = st.decimals(min_value=0, max_value=100000, places=4, allow_nan=False, allow_infinity=False)
share = st.decimals(min_value=0, max_value=1, places=4)
activities = st.builds(
    Activity,
    name=st.just("a"),
    time_hours=figure,
    tariff_eur_per_hour=figure,
    out_of_pocket_eur=figure,
    population=st.integers(0, 10_000_000).map(Decimal),
    frequency_per_year=st.decimals(min_value=0, max_value=365, places=3),
    business_as_usual_share=share,
    one_off=st.booleans(),
)
obligations = st.lists(
    st.builds(Obligation, name=st.just("o"), activities=st.lists(activities, max_size=4).map(tuple)), max_size=4
)
# Generating nested decimals is slow on a loaded machine (the CI shares two cores): the properties
# hold whatever the speed, so time is not a reason to fail.
UNHURRIED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@UNHURRIED
@given(obligations)
def test_totals_equal_the_sum_of_their_parts_as_displayed(obligations):
    result = burden.compute(obligations)
    shown = result.as_json()
    for key in ("administrative_cost_eur", "administrative_burden_eur", "one_off_eur", "structural_eur"):
        parts = [Decimal(o[key]) for o in shown["obligations"]]
        assert Decimal(shown[key]) == sum(parts, Decimal(0))
        for obligation in shown["obligations"]:
            assert Decimal(obligation[key]) == sum((Decimal(a[key]) for a in obligation["activities"]), Decimal(0))
    assert result.figures.one_off + result.figures.structural == result.figures.administrative_burden


@UNHURRIED
@given(activities)
def test_burden_is_never_above_cost_and_cost_is_the_formula(a):
    figures = a.figures()
    assert Decimal(0) <= figures.administrative_burden <= figures.administrative_cost
    with localcontext(prec=400):
        exact = (a.time_hours * a.tariff_eur_per_hour + a.out_of_pocket_eur) * a.population * a.frequency_per_year
    assert a.exact_cost() == exact
    assert abs(figures.administrative_cost - exact) <= Decimal("0.005")


TARIFFS = burden.read_tariffs(
    [
        {"country": "NL", "target_group": "businesses", "valid_from": "2017-01-01", "eur_per_hour": "54.00",
         "source": "oud"},
        {"country": "NL", "target_group": "businesses", "valid_from": "2024-07-01", "eur_per_hour": "61.00",
         "source": "nieuw"},
        {"country": "NL", "target_group": "businesses", "sector": "bouw", "valid_from": "2020-01-01",
         "valid_until": "2022-12-31", "eur_per_hour": "48.00", "source": "sector"},
    ]
)  # fmt: skip


@UNHURRIED
@given(st.dates(min_value=date(2017, 1, 1), max_value=date(2035, 12, 31)))
def test_a_tariff_change_applies_only_from_its_validity_date(day):
    found = burden.tariff_on("businesses", day, table=TARIFFS)
    assert found.eur_per_hour == (Decimal("61.00") if day >= date(2024, 7, 1) else Decimal("54.00"))
    in_sector = burden.tariff_on("businesses", day, sector="bouw", table=TARIFFS)
    if date(2020, 1, 1) <= day <= date(2022, 12, 31):
        assert in_sector.source == "sector"
    else:  # outside its validity the sector falls back to the tariff for all sectors
        assert in_sector.source == found.source


def test_the_day_before_a_tariff_change_keeps_the_old_one():
    change = date(2024, 7, 1)
    assert burden.tariff_on("businesses", change - timedelta(days=1), table=TARIFFS).source == "oud"
    assert burden.tariff_on("businesses", change, table=TARIFFS).source == "nieuw"


def test_before_any_tariff_there_is_none():
    with pytest.raises(ValidationError):
        burden.tariff_on("businesses", date(2016, 12, 31), table=TARIFFS)


def test_the_shipped_tariffs_have_sources():
    table = burden.tariff_table()
    assert {t.target_group for t in table} >= {"citizens", "businesses"}
    assert all(t.source and t.eur_per_hour > 0 for t in table)
    assert burden.tariff_on("citizens", date(2025, 1, 1)).eur_per_hour == Decimal("15.00")


GOOD = {
    "name": "a",
    "time_hours": "1",
    "tariff_eur_per_hour": 15,
    "out_of_pocket_eur": "0",
    "population": 1,
    "frequency_per_year": 1,
    "business_as_usual_share": 0,
    "one_off": False,
}


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("population", -1, "mag niet negatief zijn"),
        ("frequency_per_year", "-0.5", "mag niet negatief zijn"),
        ("time_hours", "-2", "mag niet negatief zijn"),
        ("tariff_eur_per_hour", -15, "mag niet negatief zijn"),
        ("out_of_pocket_eur", "-0.01", "mag niet negatief zijn"),
        ("business_as_usual_share", "1.01", "tussen 0 en 1"),
        ("business_as_usual_share", -0.1, "mag niet negatief zijn"),
        ("business_as_usual_share", 25, "tussen 0 en 1"),
        ("population", "veel", "is geen getal"),
        ("population", "1,5", "is geen getal"),
        ("population", "", "is geen getal"),
        ("population", None, "is geen getal"),
        ("population", True, "is geen getal"),
        ("population", [1], "is geen getal"),
        ("time_hours", "NaN", "eindig getal"),
        ("time_hours", "Infinity", "eindig getal"),
        ("time_hours", float("nan"), "eindig getal"),
        ("population", "1e40", "groter dan"),
        ("time_hours", "1e-30", "decimalen"),
        ("one_off", "false", "true of false"),
        ("one_off", 0, "true of false"),
        ("name", "", "name"),
    ],
)
def test_bad_figures_are_refused_with_the_reason(key, value, says):
    with pytest.raises(ValidationError) as refused:
        burden.read_obligations({"obligations": [{"name": "o", "activities": [{**GOOD, key: value}]}]})
    assert any(says in message for message in refused.value.messages), refused.value.messages


def test_a_missing_key_is_named():
    incomplete = {k: v for k, v in GOOD.items() if k != "business_as_usual_share"}
    with pytest.raises(ValidationError) as refused:
        burden.read_obligations({"obligations": [{"name": "o", "activities": [incomplete]}]})
    assert "business_as_usual_share" in refused.value.messages[0]
