"""Multi-criteria comparison of options (the location framework, memorandum §5.2: "een
afwegingskader dat de verschillende opties objectief vergelijkt"). One module, used by the pages,
the PDF report and `chancery mcda`, so they always agree. Plain Python, no Django: exact arithmetic
(`Fraction`) throughout, so a tie is a tie and a flip weight is exact, not a float's neighbour.

**Weighted sum.** Weights w_c ≥ 0, not all zero, normalised to sum 1; the score of option o is
Σ_c w_c · s_oc. The ranking is best first; options with equal scores are in the order of their
keys (Python's string order, i.e. by code point).

**Sensitivity of the first place to one weight.** Move criterion c's normalised weight to w ∈ [0, 1]
and rescale the other weights proportionally so that they sum to 1 − w. Then every option's score
is a line in w:  score_o(w) = w · s_oc + (1 − w) · R_o,  where R_o is o's weighted sum over the other
criteria with their weights renormalised to sum 1. (When c holds the whole weight the others are all
zero and cannot be rescaled proportionally; they then share 1 − w equally.) The first place, with
the key-order rule at a tie, is constant between the intersections of these lines, so it is found
exactly by looking at each intersection and each open interval between them. `flip_at_weight` is
the weight nearest to the current one at which the first place changes, defined as the boundary
of the set of weights where another option is first:
- at that weight the current winner and another option have equal scores; beyond it (moving away
  from the current weight) the other option is first. At the weight itself the key order decides:
  the other option is already first there if its key comes before the winner's, otherwise the
  winner keeps the first place at that exact weight and loses it just past it;
- it is the current weight itself when the winner holds the first place there only by key order
  and any move of that weight in one direction hands it over;
- when two such weights are equally near (one below, one above), the lower one is given;
- `None` when no weight in [0, 1] gives another option the first place.

**PROMETHEE II** (Brans & Vincke 1985; Brans, Vincke & Mareschal 1986). For each pair (a, b) and
criterion c, d = s_ac − s_bc and a preference P_c(d) ∈ [0, 1] by the criterion's preference
function (all criteria are maximised; the framework's scores are "higher is better"):
- usual (type I):          P = 0 if d ≤ 0, else 1;
- U-shape (type II, q):    P = 0 if d ≤ q, else 1;
- V-shape (type III, p):   P = 0 if d ≤ 0, d/p if 0 < d ≤ p, else 1;
- level (type IV, q < p):  P = 0 if d ≤ q, 1/2 if q < d ≤ p, else 1;
- linear (type V, q < p):  P = 0 if d ≤ q, (d − q)/(p − q) if q < d ≤ p, else 1.
(The Gaussian type VI is left out: it is not rational, so its ties would not be exact.)
The aggregated preference π(a, b) = Σ_c w_c P_c(s_ac − s_bc); the leaving flow
φ⁺(a) = Σ_{b≠a} π(a, b)/(n − 1), the entering flow φ⁻(a) = Σ_{b≠a} π(b, a)/(n − 1) and the net
flow φ(a) = φ⁺(a) − φ⁻(a) ∈ [−1, 1]; ranked by φ, best first, ties in key order (one option: φ = 0).

Sources: J.P. Brans and Ph. Vincke, "A Preference Ranking Organisation Method (The PROMETHEE
Method for Multiple Criteria Decision-Making)", Management Science 31(6), 1985, pp. 647–656;
J.P. Brans, Ph. Vincke and B. Mareschal, "How to select and how to rank projects: The PROMETHEE
method", European Journal of Operational Research 24(2), 1986, pp. 228–238.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue (Django's makemessages finds it by this name)
    while this module stays free of Django; whoever shows the message translates it (`Text.render`)."""
    return message


@dataclass(frozen=True)
class Text:
    """A message to be worded later: its English msgid and its named values (plain, or Texts)."""

    message: str
    values: Mapping[str, object] = field(default_factory=dict)

    def render(self, gettext=gettext_noop) -> str:
        """The message in the language of `gettext` (English without one)."""
        text = gettext(self.message)
        if not self.values:
            return text
        return text % {k: v.render(gettext) if isinstance(v, Text) else v for k, v in self.values.items()}


class McdaError(ValueError):
    """Input that cannot be compared; the message says why. str() reads it in English;
    `translated(gettext)` in the language of the caller: `chancery mcda` speaks the configured one
    (Dutch), as every command (the pages validate their own forms)."""

    def __init__(self, message: str, **values: object) -> None:
        self.text = Text(message, values)
        super().__init__(self.text.render())

    def translated(self, gettext) -> str:
        return self.text.render(gettext)


class PreferenceFunction(StrEnum):
    USUAL = "usual"
    U_SHAPE = "u_shape"
    V_SHAPE = "v_shape"
    LEVEL = "level"
    LINEAR = "linear"


@dataclass(frozen=True)
class Criterion:
    key: str
    weight: Fraction
    function: PreferenceFunction = PreferenceFunction.USUAL
    q: Fraction | None = None  # indifference threshold
    p: Fraction | None = None  # preference threshold

    def __post_init__(self) -> None:
        if self.weight < 0:
            raise McdaError(gettext_noop("criterion %(key)s: the weight must not be negative"), key=repr(self.key))
        needs_q = self.function in (PreferenceFunction.U_SHAPE, PreferenceFunction.LEVEL, PreferenceFunction.LINEAR)
        needs_p = self.function in (PreferenceFunction.V_SHAPE, PreferenceFunction.LEVEL, PreferenceFunction.LINEAR)
        if needs_q and (self.q is None or self.q < 0):
            raise McdaError(
                gettext_noop("criterion %(key)s: the %(function)s function needs a threshold q ≥ 0"),
                key=repr(self.key),
                function=self.function.value,
            )
        if needs_p and (self.p is None or self.p <= 0):
            raise McdaError(
                gettext_noop("criterion %(key)s: the %(function)s function needs a threshold p > 0"),
                key=repr(self.key),
                function=self.function.value,
            )
        if needs_q and needs_p and not self.q < self.p:
            raise McdaError(gettext_noop("criterion %(key)s: the threshold q must be below p"), key=repr(self.key))

    def preference(self, d: Fraction) -> Fraction:
        """P_c(d) of Brans & Vincke (1985) for a difference d of scores (higher is better)."""
        f, q, p = self.function, self.q, self.p
        if f is PreferenceFunction.USUAL:
            return Fraction(d > 0)
        if f is PreferenceFunction.U_SHAPE:
            return Fraction(d > q)
        if f is PreferenceFunction.V_SHAPE:
            return Fraction(0) if d <= 0 else min(Fraction(1), d / p)
        if f is PreferenceFunction.LEVEL:
            return Fraction(0) if d <= q else Fraction(1, 2) if d <= p else Fraction(1)
        return Fraction(0) if d <= q else min(Fraction(1), (d - q) / (p - q))


@dataclass(frozen=True)
class Option:
    key: str
    scores: Mapping[str, Fraction] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    criteria: tuple[Criterion, ...]
    options: tuple[Option, ...]

    def __post_init__(self) -> None:
        if not self.criteria:
            raise McdaError(gettext_noop("there are no criteria"))
        if not self.options:
            raise McdaError(gettext_noop("there are no options"))
        _unique(
            [c.key for c in self.criteria],
            gettext_noop("every criterion needs a non-empty key"),
            gettext_noop("duplicate criterion key %(key)s"),
        )
        _unique(
            [o.key for o in self.options],
            gettext_noop("every option needs a non-empty key"),
            gettext_noop("duplicate option key %(key)s"),
        )
        if sum(c.weight for c in self.criteria) == 0:
            raise McdaError(gettext_noop("all weights are zero"))
        keys = {c.key for c in self.criteria}
        for option in self.options:
            for key in option.scores:
                if key not in keys:
                    raise McdaError(
                        gettext_noop("option %(option)s: unknown criterion %(criterion)s"),
                        option=repr(option.key),
                        criterion=repr(key),
                    )
            for key in keys - set(option.scores):
                raise McdaError(
                    gettext_noop("option %(option)s: no score for criterion %(criterion)s"),
                    option=repr(option.key),
                    criterion=repr(key),
                )

    def weights(self) -> dict[str, Fraction]:
        """The weights normalised to sum 1."""
        total = sum(c.weight for c in self.criteria)
        return {c.key: c.weight / total for c in self.criteria}


def _unique(keys: list[str], empty: str, duplicate: str) -> None:
    """Every key a non-empty text, none twice; else the message `empty`, or `duplicate` (%(key)s)."""
    seen: set[str] = set()
    for key in keys:
        if not isinstance(key, str) or not key.strip():
            raise McdaError(empty)
        if key in seen:
            raise McdaError(duplicate, key=repr(key))
        seen.add(key)


@dataclass(frozen=True)
class Ranked:
    option: str
    score: Fraction


@dataclass(frozen=True)
class Flip:
    criterion: str
    weight: Fraction  # the current normalised weight
    flip_at_weight: Fraction | None


def rank(scores: Mapping[str, Fraction]) -> list[Ranked]:
    """Best first; equal scores in key order."""
    return [Ranked(key, score) for key, score in sorted(scores.items(), key=lambda item: (-item[1], item[0]))]


def weighted_sum(problem: Problem) -> list[Ranked]:
    weights = problem.weights()
    return rank({o.key: sum(weights[c] * o.scores[c] for c in weights) for o in problem.options})


def _first(lines: Mapping[str, tuple[Fraction, Fraction]], w: Fraction) -> str:
    """The first-ranked option at weight w, each option's score being a + b·w."""
    return min(lines, key=lambda key: (-(lines[key][0] + lines[key][1] * w), key))


def _lines(problem: Problem, criterion: str) -> dict[str, tuple[Fraction, Fraction]]:
    """score_o(w) = w·s_oc + (1 − w)·R_o as (intercept R_o, slope s_oc − R_o)."""
    weights = problem.weights()
    others = {k: v for k, v in weights.items() if k != criterion}
    rest = sum(others.values())
    if rest == 0:  # the criterion holds the whole weight: the others share what it gives up equally
        others = {k: Fraction(1) for k in others}
        rest = Fraction(len(others))
    lines = {}
    for option in problem.options:
        r = sum(w * option.scores[k] for k, w in others.items()) / rest if rest else Fraction(0)
        lines[option.key] = (r, option.scores[criterion] - r)
    return lines


def flip_weight(problem: Problem, criterion: str) -> Fraction | None:
    """The normalised weight of `criterion` nearest to its current one at which the first place
    changes (module docstring), or None."""
    current = problem.weights()[criterion]
    lines = _lines(problem, criterion)
    if len(problem.options) == 1 or len(problem.criteria) == 1:
        return None
    points = {Fraction(0), Fraction(1), current}
    values = list(lines.values())
    for i, (a1, b1) in enumerate(values):
        for a2, b2 in values[i + 1 :]:
            if b1 != b2:
                w = (a2 - a1) / (b1 - b2)
                if 0 <= w <= 1:
                    points.add(w)
    points = sorted(points)
    winner = _first(lines, current)
    here = points.index(current)

    def changed_at(index: int, direction: int) -> bool:
        """Another option is first at points[index], or just past it going `direction`."""
        if _first(lines, points[index]) != winner:
            return True
        beyond = index + direction
        if 0 <= beyond < len(points):
            return _first(lines, (points[index] + points[beyond]) / 2) != winner
        return False

    below = next((points[i] for i in range(here, -1, -1) if changed_at(i, -1)), None)
    above = next((points[i] for i in range(here, len(points)) if changed_at(i, +1)), None)
    if below is None or above is None:
        return above if below is None else below
    return below if current - below <= above - current else above


def with_weight(problem: Problem, criterion: str, weight: Fraction) -> Problem:
    """The problem with `criterion`'s normalised weight moved to `weight` and the others rescaled
    proportionally to sum 1 − weight (equally when they are all zero): what-if, and the
    definition the flip weight is tested against."""
    weights = problem.weights()
    rest = 1 - weights[criterion]
    others = len(weights) - 1

    def moved(c: Criterion) -> Fraction:
        if c.key == criterion:
            return weight
        return (1 - weight) * (weights[c.key] / rest if rest else Fraction(1, others))

    criteria = tuple(replace(c, weight=moved(c)) for c in problem.criteria)
    return Problem(criteria, problem.options)


def sensitivity(problem: Problem) -> list[Flip]:
    weights = problem.weights()
    return [Flip(c.key, weights[c.key], flip_weight(problem, c.key)) for c in problem.criteria]


def net_flows(problem: Problem) -> dict[str, Fraction]:
    """φ(a) of PROMETHEE II for every option."""
    weights = problem.weights()
    options = problem.options
    n = len(options)
    if n == 1:
        return {options[0].key: Fraction(0)}
    flows = {o.key: Fraction(0) for o in options}
    for a in options:
        for b in options:
            if a is b:
                continue
            pi = sum(weights[c.key] * c.preference(a.scores[c.key] - b.scores[c.key]) for c in problem.criteria)
            flows[a.key] += pi
            flows[b.key] -= pi
    return {key: flow / (n - 1) for key, flow in flows.items()}


def promethee_ii(problem: Problem) -> list[Ranked]:
    return rank(net_flows(problem))


# Reading the command's JSON -------------------------------------------------------------------


def _refuse_constant(name: str):
    raise McdaError(gettext_noop("%(name)s is not a number that can be compared"), name=name)


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    result = {}
    for key, value in pairs:
        if key in result:
            raise McdaError(gettext_noop("the key %(key)s appears twice in one object"), key=repr(key))
        result[key] = value
    return result


def number(value: object, what: Text) -> Fraction:
    """A JSON number as an exact fraction (booleans and strings are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise McdaError(gettext_noop("%(what)s is not a number: %(value)s"), what=what, value=repr(value))
    try:
        result = Fraction(value)
    except (ValueError, InvalidOperation, OverflowError) as exc:  # pragma: no cover - Decimal from JSON is finite
        raise McdaError(gettext_noop("%(what)s is not a finite number"), what=what) from exc
    return result


def parse(text: str | bytes) -> Problem:
    """The command's input: {"criteria": [{"key", "weight"}], "options": [{"key", "scores": {…}}]}."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise McdaError(gettext_noop("not JSON: %(reason)s"), reason=str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise McdaError(gettext_noop("not JSON: the file is not UTF-8 text")) from exc
    if not isinstance(data, dict):
        raise McdaError(gettext_noop("the input must be a JSON object with criteria and options"))
    criteria, options = data.get("criteria"), data.get("options")
    if not isinstance(criteria, list) or not criteria:
        raise McdaError(gettext_noop("criteria must be a non-empty list"))
    if not isinstance(options, list) or not options:
        raise McdaError(gettext_noop("options must be a non-empty list (there are no options)"))
    parsed_criteria = []
    for i, item in enumerate(criteria, 1):
        if not isinstance(item, dict) or "key" not in item or "weight" not in item:
            raise McdaError(gettext_noop("criterion %(number)d needs a key and a weight"), number=i)
        if not isinstance(item["key"], str):
            raise McdaError(gettext_noop("criterion %(number)d: the key must be a string"), number=i)
        parsed_criteria.append(
            Criterion(
                item["key"],
                number(
                    item["weight"], Text(gettext_noop("the weight of criterion %(key)s"), {"key": repr(item["key"])})
                ),
            )
        )
    parsed_options = []
    for i, item in enumerate(options, 1):
        if not isinstance(item, dict) or "key" not in item or not isinstance(item.get("scores"), dict):
            raise McdaError(gettext_noop("option %(number)d needs a key and an object of scores"), number=i)
        if not isinstance(item["key"], str):
            raise McdaError(gettext_noop("option %(number)d: the key must be a string"), number=i)
        scores = {
            key: number(
                value,
                Text(
                    gettext_noop("the score of option %(option)s for %(criterion)s"),
                    {"option": repr(item["key"]), "criterion": repr(key)},
                ),
            )
            for key, value in item["scores"].items()
        }
        parsed_options.append(Option(item["key"], scores))
    return Problem(tuple(parsed_criteria), tuple(parsed_options))


PLACES = 9  # decimals of the numbers the command prints


def rounded(value: Fraction | None, places: int = PLACES) -> float | None:
    """A JSON number with at most `places` decimals, rounded half-even from the exact value (a
    float only to be written: its shortest representation is those decimals)."""
    if value is None:
        return None
    scaled = value * 10**places
    return float(Decimal(round(scaled)).scaleb(-places))


def report(problem: Problem) -> dict:
    """The command's answer: the weighted-sum ranking and the flip weight per criterion."""
    return {
        "ranking": [{"option": r.option, "score": rounded(r.score)} for r in weighted_sum(problem)],
        "sensitivity": [
            {"criterion": f.criterion, "flip_at_weight": rounded(f.flip_at_weight)} for f in sensitivity(problem)
        ],
    }
