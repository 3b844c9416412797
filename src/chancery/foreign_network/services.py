"""The foreign network's use cases: the register of posts, their staffing and costs, and the
location framework (criteria, weights, candidates, scores, the comparison and its report). Each
change is require → atomic → change → audit, so the pages, the admin and the demo behave alike."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries as country_names
from django_countries.fields import CountryField

from chancery.core import audit, maps
from chancery.core import services as core_services
from chancery.core.authz import require
from chancery.core.models import AccessLevel, AuditAction, DocumentKind
from chancery.core.pdf import html_to_pdf
from chancery.foreign_network import mcda
from chancery.foreign_network.models import (
    MINIMUM_STAFFING,
    SCORE_MAX,
    SCORE_MIN,
    Assessment,
    Candidate,
    Criterion,
    CriterionGroup,
    Post,
    PostCost,
    Posting,
    PreferenceFunction,
    RelatedOffice,
    Score,
)

# The network ----------------------------------------------------------------------------------


def snapshot(obj, fields) -> dict:
    """audit.snapshot, with countries (django-countries' Country objects) as their ISO codes."""
    data = audit.snapshot(obj, [f for f in fields if not isinstance(obj._meta.get_field(f), CountryField)])
    for name in fields:
        if isinstance(obj._meta.get_field(name), CountryField):
            field = obj._meta.get_field(name)
            value = getattr(obj, name)
            data[name] = [c.code for c in value] if field.multiple else (value.code or "")
    return {name: data[name] for name in fields}


POST_FIELDS = ("entity", "code", "city", "country", "countries", "organisations", "opened", "latitude", "longitude")
POSTING_FIELDS = ("person", "role", "post", "start", "end")
COST_FIELDS = ("post", "year", "staff_cents", "operating_cents")


@transaction.atomic
def register_post(actor, **fields) -> Post:
    require(actor, "foreign_network.keep_network")
    post = Post(**fields)
    post.full_clean()
    post.save()
    audit.record(actor, AuditAction.CREATE, post, after=snapshot(post, POST_FIELDS))
    return post


@transaction.atomic
def locate_post(actor, post: Post, *, latitude: Decimal, longitude: Decimal) -> Post:
    """Where the post's city lies (for the network's map)."""
    require(actor, "foreign_network.keep_network")
    before = snapshot(post, ("latitude", "longitude"))
    post.latitude, post.longitude = latitude, longitude
    post.full_clean()
    post.save(update_fields=["latitude", "longitude"])
    audit.record(actor, AuditAction.UPDATE, post, before=before, after=snapshot(post, ("latitude", "longitude")))
    return post


@transaction.atomic
def register_office(actor, *, network: str, city: str, country: str, post: Post | None = None) -> RelatedOffice:
    """An office of a related network (FIT, VisitFlanders), beside a post or on its own."""
    require(actor, "foreign_network.keep_network")
    office = RelatedOffice(network=network, city=city.strip(), country=country, post=post)
    office.full_clean()
    office.save()
    audit.record(actor, AuditAction.CREATE, office, after=snapshot(office, ("network", "city", "country", "post")))
    return office


@transaction.atomic
def assign(actor, *, person: str, role: str, post: Post | None, start: datetime.date, end=None) -> Posting:
    """Someone starts at a post (or at a return post at headquarters when `post` is None)."""
    require(actor, "foreign_network.keep_network")
    if end is not None and end < start:
        raise ValidationError({"end": _("A posting ends after it starts.")}, code="order")
    posting = Posting(person=person.strip(), role=role, post=post, start=start, end=end)
    posting.full_clean()
    posting.save()
    audit.record(actor, AuditAction.CREATE, posting, after=snapshot(posting, POSTING_FIELDS))
    return posting


@transaction.atomic
def end_posting(actor, posting: Posting, end: datetime.date) -> Posting:
    require(actor, "foreign_network.keep_network")
    if end < posting.start:
        raise ValidationError({"end": _("A posting ends after it starts.")}, code="order")
    before = snapshot(posting, POSTING_FIELDS)
    posting.end = end
    posting.save(update_fields=["end"])
    audit.record(actor, AuditAction.UPDATE, posting, before=before, after=snapshot(posting, POSTING_FIELDS))
    return posting


@transaction.atomic
def set_cost(actor, post: Post, year: int, *, staff_cents: int, operating_cents: int) -> PostCost:
    require(actor, "foreign_network.keep_network")
    if staff_cents < 0 or operating_cents < 0:
        raise ValidationError(_("Costs cannot be negative."), code="negative")
    cost = PostCost.objects.select_for_update().filter(post=post, year=year).first()
    before = snapshot(cost, COST_FIELDS) if cost else None
    if cost is None:
        cost = PostCost(post=post, year=year, staff_cents=staff_cents, operating_cents=operating_cents)
    cost.staff_cents, cost.operating_cents = staff_cents, operating_cents
    cost.full_clean(validate_unique=False)
    cost.save()
    audit.record(
        actor, AuditAction.UPDATE if before else AuditAction.CREATE, cost, before=before,
        after=snapshot(cost, COST_FIELDS),
    )  # fmt: skip
    return cost


def with_staffing(posts, reader=None, on: datetime.date | None = None):
    """Posts with the minimum rule answered in the same query (`has_<role>` for each role of
    `MINIMUM_STAFFING`: Post.meets_minimum_staffing, Post.missing_roles) and, given a reader, the
    current staff the reader may see (`current_staff`, one more query). The rule is a fact about the
    post, computed over all its current staff; the names are for `foreign_network.view_network`."""
    current = Posting.objects.current(on)
    flags = {f"has_{role.value}": Exists(current.filter(post=OuterRef("pk"), role=role)) for role in MINIMUM_STAFFING}
    posts = posts.annotate(**flags)
    if reader is not None:
        staff = current.visible_to(reader).order_by("role", "person")
        posts = posts.prefetch_related(Prefetch("postings", queryset=staff, to_attr="current_staff"))
    return posts


def below_minimum(on: datetime.date | None = None) -> list[Post]:
    """The posts below the minimum rule, with the roles they lack (one query; no names)."""
    return [post for post in with_staffing(Post.objects.order_by("city"), on=on) if not post.meets_minimum_staffing]


def costs_by_year(reader) -> list[dict]:
    """The network's cost per year (all posts), for those who may see costs."""
    rows = (
        PostCost.objects.visible_to(reader)
        .values("year")
        .annotate(staff=Sum("staff_cents"), operating=Sum("operating_cents"))
        .order_by("-year")
    )
    return [
        {"year": row["year"], "staff": euros(row["staff"]), "operating": euros(row["operating"]),
         "total": euros(row["staff"] + row["operating"])}
        for row in rows
    ]  # fmt: skip


def euros(cents: int) -> Decimal:
    return Decimal(cents) / 100


# The location framework ---------------------------------------------------------------------------

ASSESSMENT_FIELDS = ("title", "question")
CRITERION_FIELDS = ("key", "name", "group", "weight", "function", "q", "p")
CANDIDATE_FIELDS = ("city", "country", "notes")
SCORE_FIELDS = ("candidate", "criterion", "value", "evidence", "source")


def _may_assess(actor) -> None:
    require(actor, "foreign_network.assess_locations")


@transaction.atomic
def create_assessment(actor, *, title: str, question: str = "") -> Assessment:
    _may_assess(actor)
    assessment = Assessment.objects.create(title=title.strip(), question=question.strip(), created_by=actor)
    audit.record(actor, AuditAction.CREATE, assessment, after=snapshot(assessment, ASSESSMENT_FIELDS))
    return assessment


def _check_thresholds(function: str, q: Decimal | None, p: Decimal | None) -> None:
    needs_q = function in (PreferenceFunction.U_SHAPE, PreferenceFunction.LEVEL, PreferenceFunction.LINEAR)
    needs_p = function in (PreferenceFunction.V_SHAPE, PreferenceFunction.LEVEL, PreferenceFunction.LINEAR)
    if needs_q and (q is None or q < 0):
        raise ValidationError({"q": _("This preference function needs an indifference threshold q of 0 or more.")})
    if needs_p and (p is None or p <= 0):
        raise ValidationError({"p": _("This preference function needs a preference threshold p above 0.")})
    if needs_q and needs_p and not q < p:
        raise ValidationError({"p": _("The preference threshold p must be above the indifference threshold q.")})


@transaction.atomic
def add_criterion(
    actor, assessment: Assessment, *, name: str, group: str, weight: Decimal = Decimal(1),
    function: str = PreferenceFunction.USUAL, q: Decimal | None = None, p: Decimal | None = None,
    description: str = "", key: str = "",
) -> Criterion:  # fmt: skip
    _may_assess(actor)
    if group not in CriterionGroup.values:
        raise ValidationError({"group": _("Choose one of the groups of criteria.")})
    if weight is None or weight < 0:
        raise ValidationError({"weight": _("A weight cannot be negative.")}, code="negative")
    _check_thresholds(function, q, p)
    key = key or slugify(name)[:40] or "criterium"
    if assessment.criteria.filter(key=key).exists():
        raise ValidationError({"name": _("This assessment has a criterion with that name already.")}, code="duplicate")
    criterion = Criterion.objects.create(
        assessment=assessment, key=key, name=name.strip(), group=group, weight=weight, function=function,
        q=q if function in (PreferenceFunction.U_SHAPE, PreferenceFunction.LEVEL, PreferenceFunction.LINEAR) else None,
        p=p if function != PreferenceFunction.USUAL and function != PreferenceFunction.U_SHAPE else None,
        description=description.strip(),
    )  # fmt: skip
    audit.record(actor, AuditAction.CREATE, criterion, after=snapshot(criterion, CRITERION_FIELDS))
    return criterion


@transaction.atomic
def set_weights(actor, assessment: Assessment, weights: dict[int, Decimal]) -> list[Criterion]:
    """The user's weights, one per criterion (by primary key): none negative, not all zero. They
    are kept as given; the comparison normalises them to sum 1."""
    _may_assess(actor)
    criteria = list(assessment.criteria.select_for_update().order_by("pk"))
    if {c.pk for c in criteria} != set(weights):
        raise ValidationError(_("Give a weight for every criterion of the assessment."), code="incomplete")
    if any(w is None or w < 0 for w in weights.values()):
        raise ValidationError(_("A weight cannot be negative."), code="negative")
    if not any(weights.values()):
        raise ValidationError(_("At least one weight must be above zero."), code="all_zero")
    for criterion in criteria:
        if criterion.weight != weights[criterion.pk]:
            before = audit.snapshot(criterion, ("weight",))
            criterion.weight = weights[criterion.pk]
            criterion.save(update_fields=["weight"])
            audit.record(
                actor, AuditAction.UPDATE, criterion, before=before, after=audit.snapshot(criterion, ("weight",))
            )
    return criteria


@transaction.atomic
def add_candidate(actor, assessment: Assessment, *, city: str, country: str, notes: str = "") -> Candidate:
    _may_assess(actor)
    city = city.strip()
    if assessment.candidates.filter(city__iexact=city).exists():
        raise ValidationError({"city": _("This city is a candidate already.")}, code="duplicate")
    candidate = Candidate(assessment=assessment, city=city, country=country, notes=notes.strip())
    candidate.full_clean(validate_unique=False)
    candidate.save()
    audit.record(actor, AuditAction.CREATE, candidate, after=snapshot(candidate, CANDIDATE_FIELDS))
    return candidate


@transaction.atomic
def set_score(
    actor, candidate: Candidate, criterion: Criterion, *, value: Decimal, evidence: str, source: str = ""
) -> Score:
    """A candidate's score on a criterion (0–10, higher is better) with the evidence it rests on."""
    _may_assess(actor)
    if criterion.assessment_id != candidate.assessment_id:
        raise ValidationError(_("The criterion and the candidate belong to different assessments."))
    if value is None or not SCORE_MIN <= value <= SCORE_MAX:
        raise ValidationError(
            {"value": _("A score lies between %(low)s and %(high)s.") % {"low": SCORE_MIN, "high": SCORE_MAX}},
            code="scale",
        )
    if not evidence.strip():
        raise ValidationError({"evidence": _("Say what the score rests on.")}, code="evidence")
    score = Score.objects.select_for_update().filter(candidate=candidate, criterion=criterion).first()
    before = snapshot(score, SCORE_FIELDS) if score else None
    score = score or Score(candidate=candidate, criterion=criterion)
    score.value, score.evidence, score.source = value, evidence.strip(), source.strip()
    score.full_clean(validate_unique=False)
    score.save()
    audit.record(
        actor, AuditAction.UPDATE if before else AuditAction.CREATE, score, before=before,
        after=snapshot(score, SCORE_FIELDS),
    )  # fmt: skip
    return score


@dataclass
class Comparison:
    """An assessment compared: both rankings and the flip weight of each criterion, or what is
    missing before they can be computed."""

    assessment: Assessment
    criteria: list[Criterion]
    candidates: list[Candidate]
    scores: dict[tuple[int, int], Score]
    missing: list[tuple[Candidate, Criterion]]
    problem: str = ""  # why no ranking can be made (no candidates, all weights zero …)
    weights: dict[int, Fraction] | None = None
    weighted: list[tuple[Candidate, Fraction]] | None = None
    promethee: list[tuple[Candidate, Fraction]] | None = None
    flips: dict[int, Fraction | None] | None = None

    @property
    def complete(self) -> bool:
        return self.weighted is not None

    def groups(self) -> list[tuple[str, list[Criterion]]]:
        grouped: dict[str, list[Criterion]] = defaultdict(list)
        for criterion in self.criteria:
            grouped[criterion.group].append(criterion)
        return [(label, grouped[value]) for value, label in CriterionGroup.choices if grouped[value]]

    def score(self, candidate: Candidate, criterion: Criterion) -> Score | None:
        return self.scores.get((candidate.pk, criterion.pk))

    def sensitivity_rows(self) -> list[dict]:
        """Per criterion: its share of the weight and the share at which the first place changes,
        in percent (None: no share changes it)."""
        if not self.complete:
            return []
        return [
            {"criterion": c, "share": self.weights[c.pk] * 100,
             "flip": None if self.flips[c.pk] is None else self.flips[c.pk] * 100}
            for c in self.criteria
        ]  # fmt: skip

    def table(self) -> list[dict]:
        """Per group, per criterion: the candidates' scores in candidate order (for the score grid)."""
        return [
            {"group": label, "criteria": [(c, [self.score(k, c) for k in self.candidates]) for c in criteria]}
            for label, criteria in self.groups()
        ]


def compare(assessment: Assessment) -> Comparison:
    """Rank the candidates by weighted sum and by PROMETHEE II, and the sensitivity of the first
    place to each weight (chancery.foreign_network.mcda, the code of `chancery mcda`)."""
    criteria = list(assessment.criteria.all())
    candidates = list(assessment.candidates.all())
    scores = {(s.candidate_id, s.criterion_id): s for s in Score.objects.filter(candidate__assessment=assessment)}
    missing = [(c, k) for c in candidates for k in criteria if (c.pk, k.pk) not in scores]
    comparison = Comparison(assessment, criteria, candidates, scores, missing)
    if not criteria or not candidates:
        comparison.problem = _("Add criteria and candidate locations to compare them.")
        return comparison
    if missing:
        comparison.problem = _("Every candidate needs a score on every criterion before they can be ranked.")
        return comparison
    if not any(c.weight for c in criteria):
        comparison.problem = _("At least one weight must be above zero.")
        return comparison
    by_key = {str(c.pk): c for c in candidates}
    problem = mcda.Problem(
        tuple(
            mcda.Criterion(
                str(k.pk), Fraction(k.weight), mcda.PreferenceFunction(k.function),
                None if k.q is None else Fraction(k.q), None if k.p is None else Fraction(k.p),
            )
            for k in criteria
        ),
        tuple(
            mcda.Option(str(c.pk), {str(k.pk): Fraction(scores[c.pk, k.pk].value) for k in criteria})
            for c in candidates
        ),
    )  # fmt: skip

    # Options are keyed by primary key for the computation; the key order that breaks ties is the
    # city's name, as a reader expects, so rank again by (score, city).
    def ranked(rows):
        return sorted(((by_key[r.option], r.score) for r in rows), key=lambda pair: (-pair[1], pair[0].city))

    comparison.weights = {int(k): w for k, w in problem.weights().items()}
    comparison.weighted = ranked(mcda.weighted_sum(problem))
    comparison.promethee = ranked(mcda.promethee_ii(problem))
    city_keyed = mcda.Problem(
        problem.criteria, tuple(mcda.Option(by_key[o.key].city, o.scores) for o in problem.options)
    )
    comparison.flips = {int(f.criterion): f.flip_at_weight for f in mcda.sensitivity(city_keyed)}
    return comparison


REPORT_TEMPLATE = "foreign_network/assessment_report.html"


@transaction.atomic
def make_report(actor, assessment: Assessment):
    """The assessment as a PDF (WeasyPrint), kept as a core document that can go onto a meeting's
    agenda: the first report creates the document, a later one is its next version."""
    _may_assess(actor)
    comparison = compare(assessment)
    if not comparison.complete:
        raise ValidationError(comparison.problem, code="incomplete")
    html = render_to_string(REPORT_TEMPLATE, {"comparison": comparison, "made_at": timezone.now()})
    pdf = html_to_pdf(html)
    upload = SimpleUploadedFile(f"afweging-{slugify(assessment.title)}.pdf", pdf, content_type="application/pdf")
    if assessment.report is None:
        # Read by the administration, like the assessment itself (released within it at once).
        assessment.report = core_services.create_document(
            actor, title=_("Location assessment: %(title)s") % {"title": assessment.title}, kind=DocumentKind.REPORT,
            upload=upload, access_level=AccessLevel.INTERNAL_GOVERNMENT, released=True,
        )  # fmt: skip
        assessment.save(update_fields=["report"])
        audit.record(actor, AuditAction.UPDATE, assessment, after={"report": str(assessment.report.uuid)})
    else:
        core_services.add_derived_version(actor, assessment.report, upload, reason=_("Made again"))
    return assessment.report


# The network's map ---------------------------------------------------------------------------------

WORLD = Path(__file__).resolve().parent / "data" / "world-110m.json"  # Natural Earth 1:110m; README beside it


def network_map(posts) -> tuple[maps.Map, maps.Map]:
    """The world, and Europe where most posts are, with the countries the posts serve shaded (by
    the post that serves them) and the countries where a post sits without serving it (Geneva,
    Brussels: multilateral posts) in a lighter class; each post's city marked where it has a
    location. `posts`: what the reader may see (the view's list)."""
    served = maps.Category(1, _("served by a post"), maps.SEQUENTIAL[3])
    seat = maps.Category(2, _("seat of a post, not served bilaterally"), maps.SEQUENTIAL[0])
    by_country: dict[str, list[str]] = defaultdict(list)
    seats: dict[str, list[str]] = defaultdict(list)
    markers = []
    for post in posts:
        for code in post.countries:
            by_country[code].append(post.city)
        seats[post.country.code].append(post.city)
        if post.latitude is not None and post.longitude is not None:
            served_names = ", ".join(post.country_names()) or ", ".join(post.organisations)
            markers.append(maps.Marker(post.city, float(post.longitude), float(post.latitude), served_names))
    values = {code: (served, _("served from %(cities)s") % {"cities": ", ".join(c)}) for code, c in by_country.items()}
    for code, cities in seats.items():
        values.setdefault(code, (seat, _("post in %(cities)s") % {"cities": ", ".join(cities)}))
    boundaries = maps.load(WORLD)
    common = {
        "values": values,
        "names": {code: country_names.name(code) for code in {s.id for s in boundaries.shapes} | set(values)},
        "markers": markers,
        "only": [s.id for s in boundaries.shapes if s.id != "AQ"],  # Antarctica: no post, half the height
        "legend_title": _("Countries"),
    }
    world = maps.render(
        boundaries,
        title=_("Map of the diplomatic network"),
        description=_("World map: the countries served by a post are shaded, the posts' cities are marked."),
        ident="network-map",
        **common,
    )
    europe = maps.render(
        boundaries,
        title=_("The diplomatic network in Europe"),
        description=_("Map of Europe: the countries served by a post are shaded, the posts' cities are marked."),
        ident="network-map-europe",
        extent=EUROPE,
        width=640,
        **common,
    )
    return world, europe


# Longitude and latitude of the window of the map of Europe, where most posts are.
EUROPE = (-11.0, 35.0, 32.0, 71.0)
