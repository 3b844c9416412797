"""Government decision-making: meetings (zittingen), agenda versions, items, dossiers and steps.

Each agenda version holds its own copy of its items, linked to the previous copy (`previous`) and
sharing a `lineage` id across versions, as Kaleidos does (reference/kaleidos.md §2): an approved
version is frozen exactly as it was, and any two versions can be compared item by item.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.models import AccessLevel, Confidential, ReleaseState
from chancery.core.models.access import NAMEABLE_LEVEL_CHOICES
from chancery.core.visibility import ReadableQuerySet


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Ministerial council")
    SPECIAL = "special", _("Special ministerial council")
    ELECTRONIC = "electronic", _("Electronic procedure")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    AGENDA_APPROVED = "agenda_approved", _("Agenda approved")
    CLOSED = "closed", _("Closed")


class Meeting(models.Model):
    """A meeting of the Government (zitting), numbered per year."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"))
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, default="Brussel, Martelarenplein 19")
    state = models.CharField(_("state"), max_length=16, choices=MeetingState.choices, default=MeetingState.PLANNED)
    created_at = models.DateTimeField(default=timezone.now)
    # Attendance, as the minutes record it. Empty means the default: the Minister-President in the
    # chair and every member of the Government present (services.attendance works it out).
    chair = models.ForeignKey(
        "core.Mandatee", verbose_name=_("chair"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    secretary = models.ForeignKey(
        "core.Person", verbose_name=_("secretary"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    excused = models.ManyToManyField("core.Mandatee", verbose_name=_("excused members"), blank=True, related_name="+")

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="meeting_number_per_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}/{self.year} ({timezone.localtime(self.starts_at):%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("decisions:meeting_detail", args=[self.uuid])

    @property
    def is_closed(self) -> bool:
        return self.state == MeetingState.CLOSED


class AgendaStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class Agenda(models.Model):
    """One lettered version (A, B, C …) of a meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agendas")
    letter = models.CharField(_("version"), max_length=3)
    sequence = models.PositiveSmallIntegerField()
    status = models.CharField(_("status"), max_length=10, choices=AgendaStatus.choices, default=AgendaStatus.DRAFT)
    is_final = models.BooleanField(_("final agenda"), default=False)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Optimistic locking: every edit raises it; an edit made against an older value is refused.
    revision = models.PositiveIntegerField(default=1)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")
        ordering = ["meeting", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "sequence"], name="agenda_sequence_unique"),
            models.UniqueConstraint(fields=["meeting", "letter"], name="agenda_letter_unique"),
            # At most one draft per meeting: the one being prepared.
            models.UniqueConstraint(
                fields=["meeting"], condition=models.Q(status="draft"), name="agenda_one_draft_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {_('agenda')} {self.letter}"

    @property
    def is_draft(self) -> bool:
        return self.status == AgendaStatus.DRAFT

    def current_items(self):
        """The items of this version (those carried over to the next letter are not part of it)."""
        return self.items.filter(carried_over=False).order_by("kind_order", "number")


def letter_for(sequence: int) -> str:
    """1 → A, 26 → Z, 27 → AA: the agenda letters."""
    letters = ""
    while sequence > 0:
        sequence, remainder = divmod(sequence - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class ItemKind(models.TextChoices):
    NOTE = "note", _("Note")
    ANNOUNCEMENT = "announcement", _("Announcement")


# Notes come before announcements on a Flemish Government agenda.
KIND_ORDER = {ItemKind.NOTE: 1, ItemKind.ANNOUNCEMENT: 2}


class FormalCheck(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet formally checked")
    OK = "ok", _("Formally in order")
    NOT_OK = "not_ok", _("Not formally in order")


class Theme(models.Model):
    """A policy field (beleidsveld) from the Government's code list (`policy_fields.py`): the themes
    under which the public finds decisions. A dossier has one or more."""

    uri = models.URLField(unique=True)
    label = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class Dossier(Confidential):
    """A matter (dossier) that runs through procedure steps, e.g. a draft decree."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=500)
    short_title = models.CharField(_("short title"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="dossiers")

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.short_title

    def get_absolute_url(self) -> str:
        return reverse("decisions:dossier_detail", args=[self.uuid])


class StepKind(models.TextChoices):
    PRINCIPLE_APPROVAL = "principle_approval", _("Principle approval")
    COUNCIL_OF_STATE_ADVICE = "council_of_state", _("Advice of the Council of State")
    ADVISORY_BOARD_ADVICE = "advisory_board", _("Advice of an advisory board")
    FINAL_APPROVAL = "final_approval", _("Final approval")
    RATIFICATION = "ratification", _("Ratification")
    ANNOUNCEMENT = "announcement", _("Announcement")
    OTHER = "other", _("Other step")


class ProcedureStep(Confidential):
    """A step of a dossier (procedurestap) that is put on an agenda, perhaps more than once."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("kind"), max_length=24, choices=StepKind.choices)
    title = models.CharField(_("title"), max_length=500)
    mandatees = models.ManyToManyField("core.Mandatee", verbose_name=_("submitting ministers"), related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")
        ordering = ["dossier", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier.short_title}: {self.get_kind_display()}"


class AgendaItem(Confidential):
    """An item (agendapunt) in one agenda version. Its copies in other versions share `lineage`."""

    agenda = models.ForeignKey(Agenda, on_delete=models.PROTECT, related_name="items")
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True)
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_copy")
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices, default=ItemKind.NOTE)
    kind_order = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.TextField(_("title"))
    short_title = models.CharField(_("short title"), max_length=300)
    mandatees = models.ManyToManyField("core.Mandatee", verbose_name=_("submitting ministers"), related_name="+")
    document_number = models.PositiveIntegerField(
        _("document number"), null=True, blank=True, help_text=_("The item's yearly number in the house numbering.")
    )
    step = models.ForeignKey(
        ProcedureStep,
        verbose_name=_("procedure step"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    formal_check = models.CharField(
        _("formal check"), max_length=8, choices=FormalCheck.choices, default=FormalCheck.NOT_YET
    )
    postponed_from = models.ForeignKey(
        "self",
        verbose_name=_("postponed from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="postponed_to",
        help_text=_("The item of an earlier meeting that was postponed to this one."),
    )
    carried_over = models.BooleanField(
        _("carried over"), default=False, help_text=_("Not formally in order at approval: moved to the next version.")
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["agenda", "kind_order", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agenda", "lineage"], name="agenda_item_once_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}: {self.short_title}"

    def save(self, *args, **kwargs):
        self.kind_order = KIND_ORDER[ItemKind(self.kind)]
        super().save(*args, **kwargs)

    @property
    def decision(self) -> Decision | None:
        """The decision in force: the latest version (uses prefetched decisions when there are)."""
        decisions = list(self.decisions.all())
        return max(decisions, key=lambda d: d.version) if decisions else None


class DocumentCounter(models.Model):
    """The yearly counters of the house numbering (DOC, MED, DEC), taken under a row lock."""

    year = models.PositiveSmallIntegerField()
    prefix = models.CharField(max_length=3)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "prefix"], name="document_counter_unique")]

    def __str__(self) -> str:
        return f"{self.prefix} {self.year}: {self.last}"


class ItemDocument(models.Model):
    """A document put forward on an item (geagendeerd stuk). Copied with the item to each version.

    `reference` is the house number, "VR 2026 0412 DOC.0012/2": meeting year and day-month, the
    prefix of the item's kind (DOC for notes, MED for announcements, DEC for decisions), the
    item's yearly number and the document's position on the item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="item_documents")
    document = models.ForeignKey("core.Document", on_delete=models.PROTECT, related_name="agenda_links")
    position = models.PositiveSmallIntegerField(default=1)
    reference = models.CharField(_("number"), max_length=40, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("document on an item")
        verbose_name_plural = _("documents on items")
        ordering = ["item", "position"]
        constraints = [models.UniqueConstraint(fields=["item", "document"], name="item_document_once")]

    def __str__(self) -> str:
        return f"{self.item} — {self.document}"


class DecisionResult(models.TextChoices):
    """The result of treating an item (Kaleidos' decision result codes)."""

    APPROVED = "approved", _("Approved")
    POSTPONED = "postponed", _("Postponed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")


class Decision(models.Model):
    """What the Government decided on an item of a final agenda. Never overwritten: a correction is
    a new version (`version` n+1) with its reason; the latest version is the decision in force.
    Who may see it follows its item (visibility_q through `item__`)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    version = models.PositiveSmallIntegerField(default=1)
    result = models.CharField(_("result"), max_length=12, choices=DecisionResult.choices)
    text = models.TextField(_("decision"), blank=True)
    # The legal and factual grounds (besluit:motivering), published with the decision.
    motivation = models.TextField(_("motivation"), blank=True)
    document = models.ForeignKey(
        "core.Document",
        verbose_name=_("decision document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reference = models.CharField(_("number"), max_length=40, blank=True, help_text=_("VR YYYY DDMM DEC.nnnn"))
    reason = models.TextField(_("reason for the correction"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["item", "-version"]
        constraints = [models.UniqueConstraint(fields=["item", "version"], name="decision_version_unique")]

    def __str__(self) -> str:
        return f"{self.item.short_title}: {self.get_result_display()} (v{self.version})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A decision is never overwritten: record a correction instead.")
        super().save(*args, **kwargs)


class PressSummary(models.Model):
    """The paragraph of the press summary ("kort bestek") on an item; editable until released."""

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="press_summary")
    text = models.TextField(_("press summary"))
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("press summary")
        verbose_name_plural = _("press summaries")

    def __str__(self) -> str:
        return self.text[:80]


class Release(models.Model):
    """The planned release (vrijgave) of a meeting's decisions, or of its documents."""

    class Scope(models.TextChoices):
        DECISIONS = "decisions", _("Decisions and press summary")
        DOCUMENTS = "documents", _("Public documents")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="releases")
    scope = models.CharField(_("what"), max_length=10, choices=Scope.choices)
    planned_at = models.DateTimeField(_("planned for"))
    state = models.CharField(_("state"), max_length=12, choices=ReleaseState.choices, default=ReleaseState.PLANNED)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    released_count = models.PositiveIntegerField(default=0)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["meeting", "scope"]
        constraints = [models.UniqueConstraint(fields=["meeting", "scope"], name="release_once_per_scope")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_scope_display()} ({self.get_state_display()})"


class SubmissionState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SENT_BACK = "sent_back", _("Sent back")
    RESUBMITTED = "resubmitted", _("Submitted again")
    ACCEPTED = "accepted", _("Accepted onto the agenda")


class Submission(Confidential):
    """A cabinet's proposal for the agenda of a meeting (indiening). Confidential to the submitting
    ministers' cabinets and the secretariat until it is accepted and becomes an item."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="submissions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices, default=ItemKind.NOTE)
    title = models.TextField(_("title"))
    short_title = models.CharField(_("short title"), max_length=300)
    mandatees = models.ManyToManyField("core.Mandatee", verbose_name=_("submitting ministers"), related_name="+")
    step = models.ForeignKey(
        ProcedureStep,
        verbose_name=_("procedure step"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    step_kind = models.CharField(
        _("procedure step"), max_length=24, choices=StepKind.choices, default=StepKind.PRINCIPLE_APPROVAL
    )
    item_access_level = models.CharField(
        _("access level of the item"),
        max_length=24,
        choices=NAMEABLE_LEVEL_CHOICES,
        default=AccessLevel.PUBLIC,
    )
    state = models.CharField(
        _("state"), max_length=12, choices=SubmissionState.choices, default=SubmissionState.SUBMITTED
    )
    remarks = models.TextField(_("remarks of the secretariat"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    documents = models.ManyToManyField("core.Document", verbose_name=_("documents"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.short_title

    def get_absolute_url(self) -> str:
        return reverse("decisions:submission_detail", args=[self.uuid])


class RegulationType(models.TextChoices):
    DECREE = "decree", _("Decree")
    GOVERNMENT_DECISION = "government_decision", _("Decision of the Flemish Government")
    MINISTERIAL_DECISION = "ministerial_decision", _("Ministerial decision")
    COOPERATION_AGREEMENT = "cooperation_agreement", _("Cooperation agreement")
    OTHER = "other", _("Other act")


class PublicationStep(models.TextChoices):
    """The steps of a publication in the Belgian Official Gazette (Kaleidos' publication flow)."""

    STARTED = "started", _("Publication requested")
    TRANSLATION_REQUESTED = "translation_requested", _("Translation requested")
    TRANSLATION_RECEIVED = "translation_received", _("Translation received")
    PROOF_REQUESTED = "proof_requested", _("Proof requested")
    PROOF_RECEIVED = "proof_received", _("Proof received")
    PROOF_CORRECTED = "proof_corrected", _("Proof corrected")
    PUBLICATION_REQUESTED = "publication_requested", _("Publication requested from the Gazette")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Publication(models.Model):
    """The publication of a decided act in the Belgisch Staatsblad, with its steps and deadlines."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("number"), max_length=20, unique=True)
    decision_item = models.ForeignKey(
        AgendaItem, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="publications"
    )
    regulation_type = models.CharField(_("type of act"), max_length=24, choices=RegulationType.choices)
    urgent = models.BooleanField(_("urgent"), default=False)
    target_date = models.DateField(_("desired publication date"), null=True, blank=True)
    planned_date = models.DateField(_("planned publication date"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    numac = models.CharField(_("NUMAC number"), max_length=20, blank=True)
    step = models.CharField(_("step"), max_length=24, choices=PublicationStep.choices, default=PublicationStep.STARTED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.number}: {self.decision_item.short_title}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:publication_detail", args=[self.uuid])


class PublicationEvent(models.Model):
    """One step of a publication, on its date (the date the step happened, not when it was typed)."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="events")
    step = models.CharField(_("step"), max_length=24, choices=PublicationStep.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication step")
        verbose_name_plural = _("publication steps")
        ordering = ["publication", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.publication.number}: {self.get_step_display()} ({self.on})"


class Minutes(models.Model):
    """The minutes (notulen) of a meeting: a document whose versions are the successive texts."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    document = models.OneToOneField("core.Document", on_delete=models.PROTECT, related_name="+")

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{_('Minutes')} {self.meeting}"
