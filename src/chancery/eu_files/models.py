"""EU and multilateral files (MISSION E3, issue 19) and the EU obligations tracker (issue 18, C5):
one model of an EU act, whether adopted (a directive the register's transpositions name), a
Commission proposal being negotiated, or a multilateral initiative.

`EuAct` holds the public facts (CELEX, COM number, kind, title, deadline, the count of
obligations and pages, the Flemish competences concerned). The Flemish follow-up is internal:
`Position` (the interests and the position, approved by a minister or by a decision of the
Government), `CoordinationMeeting` (DGE, COORMULTI, the interministerial conference) with its
`Attendee`s and `CoordinationOutcome`s per act, and `CouncilMeeting` (who took Flanders' seat).
Moved from `regulation` (its migration 0002 repoints `Transposition.eu_act`)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.models import Mandatee
from chancery.core.visibility import ReadableQuerySet
from chancery.decisions.models import Submission, Theme
from chancery.eu_files import rules


class EuAct(models.Model):
    """An act of the European Union (or a proposal for one), or a multilateral initiative."""

    class Kind(models.TextChoices):
        DIRECTIVE = "directive", _("Directive")
        REGULATION = "regulation", _("EU regulation")
        DECISION = "decision", _("Decision")
        PROPOSAL = "proposal", _("Commission proposal")
        MULTILATERAL = "multilateral", _("Multilateral initiative")

    celex = models.CharField(_("CELEX number"), max_length=20, blank=True)
    com_number = models.CharField(_("COM number"), max_length=40, blank=True, help_text=_("e.g. COM(2023) 166"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=1000)
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("For a multilateral initiative: UN, OECD, …")
    )
    proposal = models.ForeignKey(
        "self",
        verbose_name=_("adopted from the proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_acts",
    )
    followed = models.BooleanField(_("followed by Flanders"), default=False)
    competences = models.ManyToManyField(
        Theme, verbose_name=_("Flemish competences concerned"), blank=True, related_name="+"
    )
    category = models.CharField(
        _("category of the cooperation agreement"),
        max_length=3,
        blank=True,
        choices=list(rules.CATEGORIES.items()),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    transposition_deadline = models.DateField(_("transposition deadline"), null=True, blank=True)
    transposed_on = models.DateField(_("fully transposed on"), null=True, blank=True)
    obligations = models.PositiveIntegerField(_("obligations"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("EU act")
        verbose_name_plural = _("EU acts")
        ordering = ["celex", "com_number", "title"]
        constraints = [
            models.UniqueConstraint(fields=["celex"], condition=~Q(celex=""), name="eu_act_unique_celex"),
            models.UniqueConstraint(fields=["com_number"], condition=~Q(com_number=""), name="eu_act_unique_com"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("eu_files:act", args=[self.pk])

    @property
    def reference(self) -> str:
        return self.com_number or self.celex

    @property
    def eur_lex(self) -> str:
        return f"https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:{self.celex}" if self.celex else ""

    def deadline_status(self, today: datetime.date | None = None) -> str:
        """ "" (no open deadline), "due" (within the warning lead time) or "overdue"."""
        if not self.transposition_deadline or self.transposed_on:
            return ""
        today = today or timezone.localdate()
        if self.transposition_deadline < today:
            return "overdue"
        if (self.transposition_deadline - today).days <= rules.warning_days():
            return "due"
        return ""


class PositionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the Government")
    APPROVED = "approved", _("Approved")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class Position(models.Model):
    """The Flemish position on an act, in versions (a new one supersedes the last): the interests
    concerned and the position, approved by the minister or, where needed, by the Government."""

    eu_act = models.ForeignKey(EuAct, verbose_name=_("EU act"), on_delete=models.PROTECT, related_name="positions")
    version = models.PositiveSmallIntegerField(default=1)
    interests = models.TextField(_("Flemish interests concerned"))
    text = models.TextField(_("position"))
    needs_government_decision = models.BooleanField(_("needs a decision of the Government"), default=False)
    state = models.CharField(_("state"), max_length=12, choices=PositionState.choices, default=PositionState.DRAFT)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submission = models.OneToOneField(
        Submission, null=True, blank=True, on_delete=models.PROTECT, related_name="eu_position"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("Flemish position")
        verbose_name_plural = _("Flemish positions")
        ordering = ["eu_act", "-version"]
        constraints = [models.UniqueConstraint(fields=["eu_act", "version"], name="eu_position_unique_version")]

    def __str__(self) -> str:
        return f"{self.eu_act.reference} v{self.version}"


class CoordinationMeeting(models.Model):
    """A Belgian coordination meeting: the DGE (Directorate-General European Affairs of the FPS
    Foreign Affairs) for EU files, COORMULTI for multilateral ones, and the interministerial
    conference for foreign policy (ICBB) where a file without consensus is escalated."""

    class Forum(models.TextChoices):
        DGE = "dge", _("DGE coordination")
        COORMULTI = "coormulti", _("COORMULTI")
        IMC = "imc", _("Interministerial conference")

    forum = models.CharField(_("forum"), max_length=10, choices=Forum.choices)
    held_on = models.DateField(_("held on"))
    subject = models.CharField(_("subject"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("coordination meeting")
        verbose_name_plural = _("coordination meetings")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_forum_display()} {self.held_on:%d-%m-%Y}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("eu_files:meeting", args=[self.pk])


class Attendee(models.Model):
    meeting = models.ForeignKey(CoordinationMeeting, on_delete=models.PROTECT, related_name="attendees")
    name = models.CharField(_("name"), max_length=200)
    representing = models.CharField(_("representing"), max_length=200)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["meeting", "representing", "name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name", "representing"], name="eu_attendee_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.representing})"


class CoordinationOutcome(models.Model):
    """What a coordination meeting concluded on one act; an outcome without consensus may be
    escalated to a meeting of the interministerial conference."""

    class Result(models.TextChoices):
        BELGIAN_POSITION = "position", _("Belgian position agreed")
        NO_CONSENSUS = "no_consensus", _("No consensus")
        ABSTENTION = "abstention", _("Belgium abstains")
        INFORMATION = "information", _("For information")

    meeting = models.ForeignKey(CoordinationMeeting, on_delete=models.PROTECT, related_name="outcomes")
    eu_act = models.ForeignKey(EuAct, verbose_name=_("EU act"), on_delete=models.PROTECT, related_name="outcomes")
    result = models.CharField(_("outcome"), max_length=12, choices=Result.choices)
    text = models.TextField(_("conclusion"), blank=True)
    escalated_to = models.ForeignKey(
        CoordinationMeeting,
        verbose_name=_("escalated to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalations",
    )

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("coordination outcome")
        verbose_name_plural = _("coordination outcomes")
        ordering = ["meeting", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "eu_act"], name="eu_outcome_unique")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.eu_act.reference}"


class CouncilMeeting(models.Model):
    """A meeting of the Council of the EU: whether Flanders' turn came (the rotation, `rules`), the
    Flemish minister who was to attend and whether the seat was taken."""

    formation = models.CharField(_("Council formation"), max_length=20, choices=rules.FORMATION_CHOICES)
    held_on = models.DateField(_("held on"))
    flemish_turn = models.BooleanField(_("Flanders' turn in the rotation"), default=False)
    minister = models.ForeignKey(
        Mandatee,
        verbose_name=_("Flemish minister"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    seat_taken = models.BooleanField(_("seat taken"), null=True, blank=True)
    acts = models.ManyToManyField(EuAct, verbose_name=_("acts on the agenda"), blank=True, related_name="councils")
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("Council meeting")
        verbose_name_plural = _("Council meetings")
        ordering = ["-held_on", "formation"]
        constraints = [models.UniqueConstraint(fields=["formation", "held_on"], name="eu_council_unique")]

    def __str__(self) -> str:
        return f"{self.get_formation_display()} {self.held_on:%d-%m-%Y}"
