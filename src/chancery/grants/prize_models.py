"""The human rights prize (memorandum §6.1.2, issue 15 capability 8): a yearly edition with its
theme, nomination period and jury; the nominations sent on the public form (each the record of a
file of the procedure MRP); the jury's reviews (a conflict declaration first, then a score per
criterion, as grants' Review/Score) and the jury's confidential deliberation notes.

A nominee may be a person at risk: the nomination's file is `confidential` and the nominee's name
reaches a public page only as the edition's laureate who consented to be named (`public_laureate`).
Deliberation notes are read by the jury of the edition and the grants service only (readers)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet
from chancery.grants import rules


class Edition(models.Model):
    """One year's prize: its theme and the period (Europe/Brussels) in which anyone may nominate,
    from `nominations_open` up to, not including, `nominations_close`."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    theme = models.CharField(_("theme"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    nominations_open = models.DateTimeField(_("nominations open"))
    nominations_close = models.DateTimeField(_("nominations close"))
    # Set by the laureate decision (the engine's step `award_prize`), never by hand.
    laureate = models.OneToOneField("grants.Nomination", verbose_name=_("laureate"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="laureate_of")  # fmt: skip
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("prize edition")
        verbose_name_plural = _("prize editions")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nominations_close__gt=F("nominations_open")), name="grants_edition_closes_after_opening"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.theme}"

    def get_absolute_url(self) -> str:
        return reverse("prize_public:edition", args=[self.year])

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.nominations_open <= at < self.nominations_close

    def phase(self, at=None) -> str:
        at = at or timezone.now()
        if at < self.nominations_open:
            return "announced"
        return "open" if at < self.nominations_close else "closed"


class JuryMember(models.Model):
    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="jury")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("jury member"), on_delete=models.PROTECT,
                             related_name="prize_juries")  # fmt: skip
    # As shown on the public page of the edition.
    public_name = models.CharField(_("name on the public page"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    chair = models.BooleanField(_("chair"), default=False)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("jury member")
        verbose_name_plural = _("jury members")
        ordering = ["edition", "-chair", "public_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["edition", "user"], name="grants_one_seat_per_jury_member")]

    def __str__(self) -> str:
        return self.public_name


class PrizeCriterion(models.Model):
    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE,
                                related_name="criteria")  # fmt: skip
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=rules.figure("max_score"))

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("prize criterion")
        verbose_name_plural = _("prize criteria")
        ordering = ["edition", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0, max_score__gt=0), name="grants_prize_criterion_positive")
        ]

    def __str__(self) -> str:
        return self.name


class Nomination(models.Model):
    """What the nominator sent (the file's record). The nominee's identity and the nominator's
    contact details stay in the confidential file."""

    case = models.OneToOneField("procedures.Case", verbose_name=_("case"), on_delete=models.CASCADE,
                                related_name="prize_nomination")  # fmt: skip
    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.PROTECT,
                                related_name="nominations")  # fmt: skip
    nominee_name = models.CharField(_("nominee"), max_length=200)
    nominee_country = models.CharField(_("country of the nominee's work"), max_length=2)
    motivation = models.TextField(_("motivation"), max_length=6000)
    nominator_name = models.CharField(_("nominator"), max_length=200)
    nominator_email = models.EmailField(_("nominator's e-mail address"))
    # Whether the nominee agreed to be named in public should they become laureate.
    consents_to_publication = models.BooleanField(_("nominee consents to be named if laureate"), default=False)
    received_at = models.DateTimeField(_("received"))

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["edition", "received_at", "pk"]

    def __str__(self) -> str:
        return self.case.reference


class JuryReview(models.Model):
    """A jury member's review of a shortlisted nomination: the conflict declaration, then (free of
    conflicts) a motivated score per criterion."""

    nomination = models.ForeignKey(Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE,
                                   related_name="reviews")  # fmt: skip
    member = models.ForeignKey(JuryMember, verbose_name=_("jury member"), on_delete=models.PROTECT,
                               related_name="reviews")  # fmt: skip
    conflict = models.BooleanField(_("conflict of interest"), null=True, blank=True)
    conflict_note = models.TextField(_("declaration"), max_length=2000, blank=True)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    scored_at = models.DateTimeField(_("scored"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("jury review")
        verbose_name_plural = _("jury reviews")
        ordering = ["nomination", "member", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["nomination", "member"], name="grants_one_jury_review_per_member"),
            models.CheckConstraint(
                condition=Q(scored_at__isnull=True) | Q(conflict=False), name="grants_no_jury_score_with_conflict"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.member}"


class JuryScore(models.Model):
    review = models.ForeignKey(JuryReview, verbose_name=_("jury review"), on_delete=models.CASCADE,
                               related_name="scores")  # fmt: skip
    criterion = models.ForeignKey(PrizeCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT,
                                  related_name="scores")  # fmt: skip
    score = models.PositiveSmallIntegerField(_("score"))
    motivation = models.TextField(_("motivation"), max_length=4000)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("jury score")
        verbose_name_plural = _("jury scores")
        ordering = ["review", "criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="grants_one_jury_score_per_criterion"),
            models.CheckConstraint(condition=~Q(motivation=""), name="grants_jury_score_motivated"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class DeliberationNote(models.Model):
    """The jury's confidential deliberation: never on a public page, in the API or in search."""

    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE,
                                related_name="deliberation_notes")  # fmt: skip
    nomination = models.ForeignKey(Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, null=True,
                                   blank=True, related_name="deliberation_notes")  # fmt: skip
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="prize_deliberation_notes")  # fmt: skip
    text = models.TextField(_("note"), max_length=8000)
    written_at = models.DateTimeField(_("written"), default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("deliberation note")
        verbose_name_plural = _("deliberation notes")
        ordering = ["edition", "written_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="grants_deliberation_note_not_empty")]

    def __str__(self) -> str:
        return f"{self.edition.year}: {self.written_at:%Y-%m-%d}"
