"""The comparison of the location framework against hand-computed cases, and its properties."""

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chancery.foreign_network import mcda
from chancery.foreign_network.mcda import Criterion, McdaError, Option, PreferenceFunction, Problem


def problem(weights: dict, scores: dict, functions: dict | None = None) -> Problem:
    functions = functions or {}
    criteria = tuple(Criterion(k, F(w), *functions.get(k, ())) for k, w in weights.items())
    options = tuple(Option(o, {k: F(v) for k, v in s.items()}) for o, s in scores.items())
    return Problem(criteria, options)


MOROCCO = problem(
    {"political": 2, "economic": 1, "cultural": 1},
    {
        "Rabat": {"political": 8, "economic": 6, "cultural": 5},
        "Casablanca": {"political": 5, "economic": 9, "cultural": 6},
        "Dakar": {"political": 6, "economic": 4, "cultural": 7},
    },
)


def test_weighted_sum_by_hand():
    # weights 1/2, 1/4, 1/4: Rabat 4 + 1.5 + 1.25 = 6.75; Casablanca 2.5 + 2.25 + 1.5 = 6.25; Dakar 3 + 1 + 1.75
    assert [(r.option, r.score) for r in mcda.weighted_sum(MOROCCO)] == [
        ("Rabat", F(27, 4)), ("Casablanca", F(25, 4)), ("Dakar", F(23, 4)),
    ]  # fmt: skip


def test_equal_scores_are_in_key_order():
    tied = problem({"a": 1}, {"b": {"a": 5}, "a": {"a": 5}, "c": {"a": 6}})
    assert [r.option for r in mcda.weighted_sum(tied)] == ["c", "a", "b"]


def test_sensitivity_by_hand():
    # political (w0 = 1/2): others renormalised 1/2, 1/2 → Rabat 5.5 + 2.5w, Casablanca 7.5 − 2.5w,
    # Dakar 5.5 + 0.5w: Rabat = Casablanca at w = 2/5, where Casablanca (key before Rabat) is first.
    # economic (w0 = 1/4): others 2/3, 1/3 → Rabat 7 − w, Casablanca 16/3 + 11/3·w: equal at w = 5/14.
    # cultural (w0 = 1/4): Rabat 22/3 − 7/3·w, Casablanca 19/3 − w/3, Dakar 16/3 + 5/3·w: all equal at 1/2.
    flips = {f.criterion: f.flip_at_weight for f in mcda.sensitivity(MOROCCO)}
    assert flips == {"political": F(2, 5), "economic": F(5, 14), "cultural": F(1, 2)}
    assert mcda.weighted_sum(mcda.with_weight(MOROCCO, "political", F(2, 5)))[0].option == "Casablanca"


def test_a_tie_kept_by_key_order_flips_just_past_it():
    # "A" comes before "B" in key order: A keeps the first place at the crossing and loses it just past it.
    p = problem({"x": 1, "y": 1}, {"A": {"x": 10, "y": 0}, "B": {"x": 0, "y": 8}})
    # x (w0 = 1/2): A = 10w, B = 8(1 − w): equal at w = 4/9; below it B is first.
    (x, y) = mcda.sensitivity(p)
    assert x.flip_at_weight == F(4, 9)
    at = mcda.with_weight(p, "x", F(4, 9))
    assert mcda.weighted_sum(at)[0].option == "A"  # the tie: key order keeps A first at 4/9 …
    just_below = mcda.with_weight(p, "x", F(4, 9) - F(1, 10**9))
    assert mcda.weighted_sum(just_below)[0].option == "B"  # … and B is first just below it
    assert y.flip_at_weight == F(5, 9)


def test_no_weight_changes_a_dominant_option():
    p = problem({"x": 1, "y": 3}, {"A": {"x": 9, "y": 9}, "B": {"x": 1, "y": 2}})
    assert [f.flip_at_weight for f in mcda.sensitivity(p)] == [None, None]


def test_the_current_weight_itself_when_first_only_by_key_order():
    p = problem({"x": 1, "y": 1}, {"A": {"x": 2, "y": 0}, "B": {"x": 0, "y": 2}})
    # A and B tie at the current weights (A first by key); lowering x hands the first place to B.
    assert [f.flip_at_weight for f in mcda.sensitivity(p)] == [F(1, 2), F(1, 2)]


def test_one_criterion_holding_all_the_weight():
    # y and z have weight 0: moving x below 1, they share the rest equally (proportional rescaling is undefined).
    p = problem({"x": 1, "y": 0, "z": 0}, {"A": {"x": 6, "y": 0, "z": 0}, "B": {"x": 4, "y": 10, "z": 10}})
    flips = {f.criterion: f.flip_at_weight for f in mcda.sensitivity(p)}
    # x: A = 6w, B = 4w + 10(1 − w): equal at w = 5/6
    assert flips["x"] == F(5, 6)
    # y (w0 = 0; the others keep theirs, x 1 and z 0): A = 6(1 − w), B = 10w + 4(1 − w): equal at w = 1/6
    assert flips["y"] == F(1, 6)


def test_promethee_ii_by_hand():
    # x: V-shape p = 4; y: linear q = 1, p = 3; weights 1/2 each.
    p = problem(
        {"x": 1, "y": 1},
        {"A": {"x": 8, "y": 5}, "B": {"x": 6, "y": 9}, "C": {"x": 7, "y": 7}},
        {"x": (PreferenceFunction.V_SHAPE, None, F(4)), "y": (PreferenceFunction.LINEAR, F(1), F(3))},
    )
    # π(A,B) = ½·2/4 = 1/4, π(B,A) = ½·1 = 1/2, π(A,C) = ½·1/4 = 1/8, π(C,A) = ½·(2−1)/2 = 1/4,
    # π(B,C) = ½·1/2 = 1/4, π(C,B) = ½·1/4 = 1/8; φ = (Σ out − Σ in)/2.
    assert mcda.net_flows(p) == {"A": F(-3, 16), "B": F(3, 16), "C": F(0)}
    assert [r.option for r in mcda.promethee_ii(p)] == ["B", "C", "A"]


def test_promethee_usual_ties_in_key_order():
    p = problem({"x": 1, "y": 1}, {"C": {"x": 7, "y": 7}, "A": {"x": 8, "y": 5}, "B": {"x": 6, "y": 9}})
    assert mcda.net_flows(p) == {"A": 0, "B": 0, "C": 0}
    assert [r.option for r in mcda.promethee_ii(p)] == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("function", "q", "p", "expected"),
    [
        (PreferenceFunction.USUAL, None, None, [0, 0, 1, 1, 1]),
        (PreferenceFunction.U_SHAPE, F(1), None, [0, 0, 0, 1, 1]),
        (PreferenceFunction.V_SHAPE, None, F(4), [0, 0, F(1, 4), F(1, 2), 1]),
        (PreferenceFunction.LEVEL, F(1), F(3), [0, 0, 0, F(1, 2), 1]),
        (PreferenceFunction.LINEAR, F(1), F(3), [0, 0, 0, F(1, 2), 1]),
    ],
)
def test_preference_functions(function, q, p, expected):
    criterion = Criterion("c", F(1), function, q, p)
    assert [criterion.preference(F(d)) for d in (-1, 0, 1, 2, 5)] == expected


@pytest.mark.parametrize(
    ("function", "q", "p"),
    [
        (PreferenceFunction.V_SHAPE, None, None),
        (PreferenceFunction.V_SHAPE, None, F(0)),
        (PreferenceFunction.LINEAR, F(3), F(3)),
        (PreferenceFunction.LEVEL, F(-1), F(3)),
        (PreferenceFunction.U_SHAPE, None, None),
    ],
)
def test_thresholds_are_checked(function, q, p):
    with pytest.raises(McdaError):
        Criterion("c", F(1), function, q, p)


@pytest.mark.parametrize(
    ("weights", "scores", "reason"),
    [
        ({"x": -1, "y": 2}, {"A": {"x": 1, "y": 1}}, "negative"),
        ({"x": 0, "y": 0}, {"A": {"x": 1, "y": 1}}, "all weights are zero"),
        ({"x": 1}, {"A": {}}, "no score"),
        ({"x": 1}, {"A": {"x": 1, "z": 2}}, "unknown criterion"),
        ({"x": 1}, {}, "no options"),
        ({}, {"A": {}}, "no criteria"),
    ],
)
def test_refusals(weights, scores, reason):
    with pytest.raises(McdaError, match=reason):
        problem(weights, scores)


# Properties ------------------------------------------------------------------------------------

scores_ = st.integers(min_value=0, max_value=10).map(F)
weights_ = st.integers(min_value=0, max_value=6).map(F)


@st.composite
def problems(draw):
    keys = draw(st.lists(st.sampled_from("pqrst"), min_size=1, max_size=4, unique=True))
    weights = draw(st.lists(weights_, min_size=len(keys), max_size=len(keys)).filter(any))
    names = draw(
        st.lists(st.sampled_from(["Rabat", "Dakar", "Lagos", "Nairobi", "Accra"]), min_size=1, max_size=5, unique=True)
    )
    options = tuple(Option(n, {k: draw(scores_) for k in keys}) for n in names)
    return Problem(tuple(Criterion(k, w) for k, w in zip(keys, weights, strict=True)), options)


def first(p: Problem) -> str:
    return mcda.weighted_sum(p)[0].option


@settings(deadline=None)
@given(problems(), st.integers(min_value=1, max_value=50), st.integers(min_value=1, max_value=7))
def test_scaling_all_weights_changes_nothing(p, numerator, denominator):
    k = F(numerator, denominator)
    scaled = Problem(tuple(Criterion(c.key, c.weight * k) for c in p.criteria), p.options)
    assert mcda.weighted_sum(scaled) == mcda.weighted_sum(p)
    assert mcda.sensitivity(scaled) == mcda.sensitivity(p)
    assert mcda.promethee_ii(scaled) == mcda.promethee_ii(p)


@settings(deadline=None)
@given(problems(), st.randoms())
def test_ranking_does_not_depend_on_the_order_of_the_options(p, random):
    options = list(p.options)
    random.shuffle(options)
    shuffled = Problem(p.criteria, tuple(options))
    assert mcda.weighted_sum(shuffled) == mcda.weighted_sum(p)
    assert mcda.promethee_ii(shuffled) == mcda.promethee_ii(p)
    assert mcda.sensitivity(shuffled) == mcda.sensitivity(p)


EPSILON = F(1, 10**12)  # far below the distance between two breakpoints of these small problems


@settings(max_examples=60, deadline=None)
@given(problems())
def test_the_flip_weight_flips_and_is_the_nearest(p):
    winner = first(p)
    if len(p.criteria) == 1:  # its normalised weight is 1 whatever it is: nothing to move
        assert [f.flip_at_weight for f in mcda.sensitivity(p)] == [None]
        return
    for flip in mcda.sensitivity(p):
        grid = [F(i, 30) for i in range(31)]
        if flip.flip_at_weight is None:
            assert all(first(mcda.with_weight(p, flip.criterion, w)) == winner for w in grid)
            continue
        w, now = flip.flip_at_weight, flip.weight
        # at the flip, or just past it going away from the current weight (either way when it is the current one)
        aways = (-1, 1) if w == now else (-1,) if w < now else (1,)
        near = [w] + [min(F(1), max(F(0), w + away * EPSILON)) for away in aways]
        assert any(first(mcda.with_weight(p, flip.criterion, x)) != winner for x in near)
        # nothing nearer changes it: the first place holds strictly between the current weight and the flip
        low, high = sorted((w, now))
        assert all(first(mcda.with_weight(p, flip.criterion, x)) == winner for x in grid if low < x < high)
        assert all(
            first(mcda.with_weight(p, flip.criterion, x)) == winner
            for x in (low + EPSILON, high - EPSILON)
            if low < x < high
        )


def test_a_refusal_reads_english_and_is_worded_by_whoever_shows_it():
    """The module stays free of Django: str() is the English msgid filled in; the command words it
    in the operator's language with `translated(gettext)`."""
    with pytest.raises(McdaError) as refused:
        problem({"x": -1}, {"A": {"x": 1}})
    assert str(refused.value) == "criterion 'x': the weight must not be negative"
    dutch = {"criterion %(key)s: the weight must not be negative": "criterium %(key)s: het gewicht is negatief"}
    assert refused.value.translated(dutch.get) == "criterium 'x': het gewicht is negatief"
