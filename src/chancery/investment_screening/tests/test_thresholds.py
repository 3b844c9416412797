"""The threshold rules of the screening of foreign direct investments (procedure-rules §C), as a
table of cases: at, just below and just above each level, the turnover at and around €100 million,
EU investors with and without a non-EU owner, EFTA, control, outside the sectors; and properties
that hold for every deal."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from chancery.investment_screening import rules
from chancery.investment_screening.services.thresholds import Deal, assess, deal_from_json

BIG = "150000000"


def deal(
    *,
    country="CN",
    ubos=(),
    regions=("VLG",),
    sectors=("energy",),
    turnover=BIG,
    before="0",
    after="0",
    control=False,
    signed=None,
) -> Deal:
    return Deal(
        investor_country=country,
        ubo_countries=tuple(ubos),
        regions=frozenset(regions),
        sectors=frozenset(sectors),
        turnover_eur=Decimal(turnover),
        voting_rights_before=Decimal(before),
        voting_rights_after=Decimal(after),
        control_acquired=control,
        signing_date=signed,
    )


# (name, deal, levels reached anew)
CASES = [
    # level 10 in a sector of the five, turnover above €100 million
    ("10: just below", deal(after="9.99"), ()),
    ("10: at", deal(after="10"), ("10",)),
    ("10: just above", deal(after="10.01"), ("10",)),
    ("10: already held before", deal(before="10", after="20"), ()),
    ("10: held just below before", deal(before="9.99", after="20"), ("10",)),
    ("10: same share, nothing new", deal(before="12", after="12"), ()),
    # the turnover is strictly above €100 million
    ("10: turnover exactly 100 million", deal(after="12", turnover="100000000"), ()),
    ("10: turnover one cent above", deal(after="12", turnover="100000000.01"), ("10",)),
    ("10: turnover below", deal(after="12", turnover="99999999.99"), ()),
    ("10: every one of the five sectors", deal(after="12", sectors=("defence",)), ("10",)),
    ("10: dual use", deal(after="12", sectors=("dual_use",)), ("10",)),
    ("10: cybersecurity", deal(after="12", sectors=("cybersecurity",)), ("10",)),
    ("10: electronic communications", deal(after="12", sectors=("electronic_communications",)), ("10",)),
    ("10: digital infrastructure", deal(after="12", sectors=("digital_infrastructure",)), ("10",)),
    ("10: not in a 25-only sector", deal(after="12", sectors=("media",)), ()),
    # level 25 in every sector of the mechanism, whatever the turnover
    ("25: just below", deal(after="24.99", sectors=("media",), turnover="1"), ()),
    ("25: at", deal(after="25", sectors=("media",), turnover="1"), ("25",)),
    ("25: just above", deal(after="25.01", sectors=("biotech",), turnover="0"), ("25",)),
    ("25: already held", deal(before="25", after="60", sectors=("critical_inputs",)), ()),
    ("25: held just below", deal(before="24.99", after="25", sectors=("sensitive_data",)), ("25",)),
    ("25: small energy company", deal(after="30", turnover="100000000"), ("25",)),
    ("10 and 25 at once", deal(before="5", after="30"), ("10", "25")),
    ("25 anew, 10 held before", deal(before="15", after="30"), ("25",)),
    ("25 in a 10-sector below the turnover", deal(before="5", after="25", turnover="50"), ("25",)),
    # control, a level of its own
    ("control alone", deal(before="40", after="40", control=True, sectors=("media",)), ("control",)),
    ("control with 25", deal(before="0", after="51", control=True, sectors=("private_security",)), ("25", "control")),
    ("control, all levels", deal(before="0", after="100", control=True), ("10", "25", "control")),
    # outside the sectors: nothing, whatever the figures
    ("other sector only", deal(after="100", control=True, sectors=("other",)), ()),
    ("other beside a sector", deal(after="30", sectors=("other", "media")), ("25",)),
    ("no sector", deal(after="100", control=True, sectors=()), ()),
    # who is a foreign investor
    ("EU investor, EU owners", deal(country="DE", ubos=("FR", "BE"), after="100", control=True), ()),
    ("EU investor, one non-EU owner", deal(country="NL", ubos=("FR", "US"), after="30"), ("10", "25")),
    ("EU investor without owners", deal(country="BE", after="30"), ()),
    ("EFTA investor (Switzerland)", deal(country="CH", after="30"), ("10", "25")),
    ("EFTA investor (Norway)", deal(country="NO", after="30", sectors=("media",)), ("25",)),
    ("EU investor with an EFTA owner", deal(country="LU", ubos=("LI",), after="30", sectors=("media",)), ("25",)),
    ("United Kingdom is outside", deal(country="GB", after="25", sectors=("media",)), ("25",)),
    # the agreement applies to deals signed from 1 July 2023
    ("signed the day before", deal(after="30", signed=datetime.date(2023, 6, 30)), ()),
    ("signed the first day", deal(after="30", signed=datetime.date(2023, 7, 1)), ("10", "25")),
]


@pytest.mark.parametrize(("name", "the_deal", "levels"), CASES, ids=[c[0] for c in CASES])
def test_levels_reached_anew(name, the_deal, levels):
    result = assess(the_deal)
    assert result.levels_reached == levels
    assert result.notifiable == bool(levels)


@pytest.mark.parametrize(
    ("regions", "linked"),
    [(("VLG",), True), (("BRU", "VLG"), True), (("BRU",), False), (("WAL", "BRU"), False), ((), False)],
)
def test_the_flemish_link_is_judged_apart_from_the_notification(regions, linked):
    for the_deal in (deal(regions=regions, after="30"), deal(regions=regions, country="FR", after="30")):
        result = assess(the_deal)
        assert result.flemish_link is linked
    assert assess(deal(regions=regions, after="30")).notifiable
    assert not assess(deal(regions=regions, country="FR", after="30")).notifiable


def test_the_reasons_are_dutch_sentences_naming_the_figures():
    with translation.override("nl"):
        result = assess(deal(country="NL", ubos=("US",), before="5", after="30", control=True))
        flemish = result.flemish_reason
    text = " ".join(result.reasons)
    assert "buitenlandse investeerder" in text
    assert "US" in text
    assert "10 %" in text and "25 %" in text and "30 %" in text
    assert "controle" in text
    assert all(reason.endswith(".") and reason[0].isupper() for reason in result.reasons)
    assert "Vlaams" in flemish


def test_the_reasons_say_why_the_ten_percent_level_does_not_apply():
    with translation.override("nl"):
        below = " ".join(assess(deal(after="12", turnover="100000000")).reasons)
        elsewhere = " ".join(assess(deal(after="12", sectors=("media",))).reasons)
        eu = " ".join(assess(deal(country="BE", after="30")).reasons)
    assert "100.000.000 euro" in below
    assert "defensie" in elsewhere
    assert "geen buitenlandse investeerder" in eu


def test_every_figure_has_its_source_and_validity():
    for figure in (rules.LEVEL_10, rules.LEVEL_25, rules.TURNOVER_LEVEL_10):
        assert isinstance(figure.value, Decimal)
        assert "30 november 2022" in figure.source
        assert figure.valid_from == datetime.date(2023, 7, 1)
    assert rules.TURNOVER_LEVEL_10.value == Decimal("100000000")
    assert {s.key for s in rules.SECTORS if s.level_10} == {
        "defence", "dual_use", "energy", "cybersecurity", "electronic_communications", "digital_infrastructure",
    }  # fmt: skip
    assert not rules.SECTORS_BY_KEY["other"].in_mechanism
    # EFTA states are not Member States, so they count as outside the EU.
    assert all(rules.is_outside_eu(c) for c in ("CH", "NO", "IS", "LI"))


# --- properties ----------------------------------------------------------------------------------

percent = st.decimals(min_value=0, max_value=100, places=2)
sector_sets = st.frozensets(st.sampled_from([s.key for s in rules.SECTORS]), max_size=4)
countries = st.sampled_from(["BE", "FR", "DE", "NL", "CN", "US", "CH", "NO", "RU", "GB"])


@st.composite
def deals(draw):
    before, after = sorted((draw(percent), draw(percent)))
    return Deal(
        investor_country=draw(countries),
        ubo_countries=tuple(draw(st.lists(countries, max_size=3))),
        regions=draw(st.frozensets(st.sampled_from(["VLG", "BRU", "WAL"]))),
        sectors=draw(sector_sets),
        turnover_eur=draw(st.decimals(min_value=0, max_value=10**10, places=2)),
        voting_rights_before=before,
        voting_rights_after=after,
        control_acquired=draw(st.booleans()),
    )


# No deadline: a timing under a loaded machine is no rule of the thresholds.
@settings(deadline=None)
@given(deals())
def test_notifiable_exactly_when_a_level_is_reached_anew(the_deal):
    result = assess(the_deal)
    assert result.notifiable == bool(result.levels_reached)
    assert list(result.levels_reached) == [level for level in rules.LEVELS if level in result.levels_reached]
    assert result.reasons


# No deadline: a timing under a loaded machine is no rule of the thresholds.
@settings(deadline=None)
@given(deals())
def test_nothing_is_notifiable_outside_the_sectors_or_for_an_eu_investor(the_deal):
    result = assess(the_deal)
    in_mechanism = any(rules.SECTORS_BY_KEY[k].in_mechanism for k in the_deal.sectors)
    foreign = the_deal.investor_country not in rules.EU_MEMBER_STATES or any(
        c not in rules.EU_MEMBER_STATES for c in the_deal.ubo_countries
    )
    if not in_mechanism or not foreign:
        assert not result.notifiable


# No deadline: a timing under a loaded machine is no rule of the thresholds.
@settings(deadline=None)
@given(deals())
def test_a_level_counts_only_when_crossed_by_the_deal(the_deal):
    result = assess(the_deal)
    for key, level in ((rules.LEVEL_10_KEY, rules.LEVEL_10), (rules.LEVEL_25_KEY, rules.LEVEL_25)):
        if key in result.levels_reached:
            assert the_deal.voting_rights_before < level.value <= the_deal.voting_rights_after
    in_mechanism = any(rules.SECTORS_BY_KEY[k].in_mechanism for k in the_deal.sectors)
    control = the_deal.control_acquired and result.foreign_investor and in_mechanism
    assert (rules.CONTROL_KEY in result.levels_reached) == control


# No deadline: a timing under a loaded machine is no rule of the thresholds.
@settings(deadline=None)
@given(deals(), st.decimals(min_value=0, max_value=100, places=2))
def test_a_higher_share_after_the_deal_reaches_every_level_a_lower_one_reaches(the_deal, more):
    # From the same start, buying more never loses a level.
    higher = max(the_deal.voting_rights_after, more)
    bigger = Deal(**{**the_deal.__dict__, "voting_rights_after": higher})
    assert set(assess(the_deal).levels_reached) <= set(assess(bigger).levels_reached)


# No deadline: a timing under a loaded machine is no rule of the thresholds.
@settings(deadline=None)
@given(deals())
def test_the_json_reading_agrees_with_the_deal(the_deal):
    data = {
        "investor": {"country": the_deal.investor_country, "ubo_countries": list(the_deal.ubo_countries)},
        "target": {
            "regions": sorted(the_deal.regions),
            "sectors": sorted(the_deal.sectors),
            "turnover_eur": str(the_deal.turnover_eur),
        },
        "voting_rights_before": str(the_deal.voting_rights_before),
        "voting_rights_after": str(the_deal.voting_rights_after),
        "control_acquired": the_deal.control_acquired,
    }
    assert deal_from_json(data) == the_deal


# --- reading the JSON ----------------------------------------------------------------------------

VALID = {
    "investor": {"country": "CN", "ubo_countries": ["CN"]},
    "target": {"regions": ["VLG"], "sectors": ["energy"], "turnover_eur": "150000000"},
    "voting_rights_before": "0",
    "voting_rights_after": "12",
    "control_acquired": False,
}


def changed(path: str, value):
    data = {**VALID, "investor": dict(VALID["investor"]), "target": dict(VALID["target"])}
    *parents, last = path.split(".")
    node = data
    for parent in parents:
        node = node[parent]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return data


BAD = [
    ("voting_rights_after", "100.01", "voting_rights_after"),
    ("voting_rights_after", "-1", "voting_rights_after"),
    ("voting_rights_before", "101", "voting_rights_before"),
    ("voting_rights_before", "NaN", "voting_rights_before"),
    ("voting_rights_after", True, "voting_rights_after"),
    ("voting_rights_after", 12.5, "voting_rights_after"),  # a float, never a threshold's figure
    ("voting_rights_after", KeyError, "voting_rights_after"),
    ("target.turnover_eur", "honderd miljoen", "target.turnover_eur"),
    ("target.turnover_eur", "-5", "target.turnover_eur"),
    ("target.turnover_eur", "Infinity", "target.turnover_eur"),
    ("target.turnover_eur", None, "target.turnover_eur"),
    ("target.sectors", ["energy", "tourism"], "tourism"),
    ("target.sectors", "energy", "target.sectors"),
    ("target.regions", ["VLG", "ANT"], "ANT"),
    ("target.regions", KeyError, "target.regions"),
    ("investor.country", "ZZ", "investor.country"),
    ("investor.country", "China", "investor.country"),
    ("investor.country", KeyError, "investor.country"),
    ("investor.ubo_countries", ["CN", "XX"], "investor.ubo_countries[1]"),
    ("control_acquired", "yes", "control_acquired"),
    ("signing_date", "gisteren", "signing_date"),
    ("investor", "CN", "investor"),
]


@pytest.mark.parametrize(("path", "value", "named"), BAD)
def test_bad_input_is_refused_with_a_message_naming_it(path, value, named):
    with pytest.raises(ValidationError) as refused:
        deal_from_json(changed(path, value))
    assert any(named in message for message in refused.value.messages), refused.value.messages


def test_after_below_before_is_refused():
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        deal_from_json({**VALID, "voting_rights_before": "30", "voting_rights_after": "20"})
    assert "20 %" in refused.value.messages[0] and "30 %" in refused.value.messages[0]


def test_every_problem_is_reported_at_once():
    data = changed("target.regions", ["XYZ"])
    data["voting_rights_after"] = "200"
    data["investor"]["country"] = "??"
    with pytest.raises(ValidationError) as refused:
        deal_from_json(data)
    assert len(refused.value.messages) == 3


def test_lower_case_country_codes_and_json_numbers_are_read():
    read = deal_from_json({**changed("investor.country", "cn"), "voting_rights_after": Decimal("12.5")})
    assert read.investor_country == "CN"
    assert read.voting_rights_after == Decimal("12.5")
