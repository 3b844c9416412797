"""Flanders' foreign network (memorandum §5.1) and the framework that compares candidate locations
for a new post (§5.2).

A `Post` (diplomatieke vertegenwoordiging) sits in a city and covers countries and international
organisations; FIT and tourism offices are related networks (`RelatedOffice`). Who works where and
when is a `Posting` (a rotation is the succession of postings; a return post at headquarters is a
posting without a post); every post needs a representative, a deputy and a local employee
(`MINIMUM_STAFFING`). Costs are per post and year, in cents.

A location `Assessment` (afweging) compares `Candidate` locations on weighted `Criterion`s grouped
as the memorandum names them; a `Score` per candidate and criterion carries its evidence. The
ranking is computed (chancery.foreign_network.mcda), never stored.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries as country_names
from django_countries.fields import CountryField

from chancery.core.periods import in_force
from chancery.core.visibility import ReadableQuerySet


class StaffRole(models.TextChoices):
    REPRESENTATIVE = "representative", _("Diplomatic representative")
    DEPUTY = "deputy", _("Deputy diplomatic representative")
    LOCAL_EMPLOYEE = "local_employee", _("Local employee")
    OTHER = "other", _("Other staff")


# Memorandum §5.1: "een diplomatiek vertegenwoordiger, een adjunct-diplomatiek-vertegenwoordiger en
# een lokale medewerker zijn een must" at every post.
MINIMUM_STAFFING = (StaffRole.REPRESENTATIVE, StaffRole.DEPUTY, StaffRole.LOCAL_EMPLOYEE)


class Post(models.Model):
    """A diplomatic representation of Flanders abroad (or at the EU): the network's register of the
    organisation unit (`core.Entity` of kind post, where its people's accounts belong), with what
    only the network needs: coverage, staffing, costs."""

    entity = models.OneToOneField(
        "core.Entity", verbose_name=_("organisation unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="network_post", limit_choices_to={"kind": "post"},
    )  # fmt: skip
    code = models.SlugField(_("code"), max_length=40, unique=True)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country of the post"))
    countries = CountryField(_("countries covered"), multiple=True, blank=True)
    organisations = models.JSONField(_("international organisations followed"), default=list, blank=True)
    opened = models.DateField(_("opened"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Where the post's city is drawn on the network's map (WGS 84 degrees).
    latitude = models.DecimalField(
        _("latitude"), max_digits=7, decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )  # fmt: skip
    longitude = models.DecimalField(
        _("longitude"), max_digits=7, decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )  # fmt: skip

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["city"]

    def __str__(self) -> str:
        return self.city

    def country_names(self) -> list[str]:
        return [country_names.name(code) for code in self.countries]

    # The minimum rule, read from the flags services.with_staffing annotates (one query for a list).
    @property
    def missing_roles(self) -> list[StaffRole]:
        return [role for role in MINIMUM_STAFFING if not getattr(self, f"has_{role.value}")]

    @property
    def meets_minimum_staffing(self) -> bool:
        return not self.missing_roles


class Network(models.TextChoices):
    FIT = "fit", _("Flanders Investment & Trade")
    TOURISM = "tourism", _("VisitFlanders (tourism)")


class RelatedOffice(models.Model):
    """An office of a related network abroad (FIT, VisitFlanders), with the post it works beside."""

    network = models.CharField(_("network"), max_length=10, choices=Network.choices)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    post = models.ForeignKey(
        Post, verbose_name=_("post"), null=True, blank=True, on_delete=models.PROTECT, related_name="related_offices"
    )

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("office of a related network")
        verbose_name_plural = _("offices of related networks")
        ordering = ["network", "city"]
        constraints = [models.UniqueConstraint(fields=["network", "city"], name="related_office_once_per_city")]

    def __str__(self) -> str:
        return f"{self.get_network_display()} {self.city}"


class PostingQuerySet(ReadableQuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(in_force(on))


class Posting(models.Model):
    """Someone's assignment to a post (or, without a post, to a return post at headquarters) from
    `start` until `end` (open while it lasts). The postings of one person in order are their
    rotation."""

    person = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="postings",
        help_text=_("Empty for a return post at headquarters."),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    objects = PostingQuerySet.as_manager()

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["person", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="posting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    @property
    def is_return_post(self) -> bool:
        return self.post_id is None


class PostCost(models.Model):
    """What a post cost in a year: salaries of its staff and operating costs, in euro cents."""

    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="costs")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    staff_cents = models.BigIntegerField(_("staff costs (cents)"), validators=[MinValueValidator(0)])
    operating_cents = models.BigIntegerField(_("operating costs (cents)"), validators=[MinValueValidator(0)])

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("cost of a post")
        verbose_name_plural = _("costs of posts")
        ordering = ["-year", "post__city"]
        constraints = [
            models.UniqueConstraint(fields=["post", "year"], name="post_cost_once_per_year"),
            models.CheckConstraint(
                condition=models.Q(staff_cents__gte=0, operating_cents__gte=0), name="post_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post} {self.year}"

    @property
    def total_cents(self) -> int:
        return self.staff_cents + self.operating_cents

    # In euros for display (amounts are kept in cents).
    @property
    def staff(self) -> Decimal:
        return Decimal(self.staff_cents) / 100

    @property
    def operating(self) -> Decimal:
        return Decimal(self.operating_cents) / 100

    @property
    def total(self) -> Decimal:
        return Decimal(self.total_cents) / 100


# The location framework (§5.2) -------------------------------------------------------------------


class CriterionGroup(models.TextChoices):
    """The groups of criteria of the framework: the significance of a location and its fit with the
    thematic priorities (memorandum §4.1)."""

    POLITICAL = "political", _("Political significance")
    ECONOMIC = "economic", _("Economic significance")
    CULTURAL = "cultural", _("Cultural significance")
    SOCIETAL = "societal", _("Societal significance")
    THEMATIC = "thematic", _("Fit with the thematic priorities")


class PreferenceFunction(models.TextChoices):
    """PROMETHEE's preference functions (Brans & Vincke 1985); see mcda.py for the formulas."""

    USUAL = "usual", _("Usual: any difference is a full preference")
    U_SHAPE = "u_shape", _("U-shape: full preference above the indifference threshold q")
    V_SHAPE = "v_shape", _("V-shape: preference grows linearly up to the threshold p")
    LEVEL = "level", _("Level: half preference between q and p, full above p")
    LINEAR = "linear", _("Linear: none up to q, growing linearly to full at p")


SCORE_MIN, SCORE_MAX = Decimal(0), Decimal(10)


class Assessment(models.Model):
    """One comparison of candidate locations for a post (afweging)."""

    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    report = models.ForeignKey(
        "core.Document", verbose_name=_("report"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("location assessment")
        verbose_name_plural = _("location assessments")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(_("group"), max_length=12, choices=CriterionGroup.choices)
    description = models.TextField(_("what it measures"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=7, decimal_places=3, default=Decimal(1), validators=[MinValueValidator(Decimal(0))]
    )
    function = models.CharField(
        _("preference function"), max_length=10, choices=PreferenceFunction.choices, default=PreferenceFunction.USUAL
    )
    q = models.DecimalField(_("indifference threshold q"), max_digits=6, decimal_places=3, null=True, blank=True)
    p = models.DecimalField(_("preference threshold p"), max_digits=6, decimal_places=3, null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["group", "key"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "key"], name="criterion_key_once"),
            models.CheckConstraint(condition=models.Q(weight__gte=0), name="criterion_weight_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="candidates")
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    notes = models.TextField(_("notes"), blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidate location")
        verbose_name_plural = _("candidate locations")
        ordering = ["city"]
        constraints = [models.UniqueConstraint(fields=["assessment", "city"], name="candidate_once")]

    def __str__(self) -> str:
        return f"{self.city} ({self.country.name})"


class Score(models.Model):
    """How a candidate does on a criterion, on the scale 0–10 (higher is better), with its evidence."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.DecimalField(
        _("score"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
    )
    evidence = models.TextField(_("evidence"))
    source = models.URLField(_("source"), blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "criterion"], name="score_once"),
            models.CheckConstraint(condition=models.Q(value__gte=0, value__lte=10), name="score_on_the_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id}/{self.criterion_id}: {self.value}"
