"""The feedback panel (MISSION C3): signals from practice on the rules of the register.

Anyone reports a problem with a rule, anonymously or with a name (kept for the moderators, never
published), picks the regulation (searching the register) or lets the panel suggest one from the
text, and adds evidence. Each address may send `CHANCERY_FEEDBACK_SIGNALS_PER_HOUR` signals an
hour (counted in the shared cache, like the API's limits). The staff moderates: publish (the
masked text, into a new group or a group of similar signals on the same regulation) or refuse as
spam, personal data or off-topic, always with a reason. A group carries the public status and
answer; an answer with personal data in it is refused. Every change is audited."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chancery.core import audit, events
from chancery.core.authz import require
from chancery.core.files import inspect_upload
from chancery.core.models import AuditAction
from chancery.regulation.events import SIGNAL_ANSWERED, SIGNAL_PUBLISHED
from chancery.regulation.models import (
    FeedbackSignal,
    Regulation,
    ReporterKind,
    SignalEvidence,
    SignalGroup,
    SignalTheme,
)
from chancery.regulation.services import personal_data

SIGNAL_AUDIT_FIELDS = ("regulation", "theme", "state", "rejection", "moderation_note", "group")
GROUP_AUDIT_FIELDS = ("regulation", "title", "theme", "status", "answer")
MAX_EVIDENCE = 3
MAX_TEXT = 5000
MIN_TEXT = 20

# Words too common in Dutch titles and complaints to say which rule a text is about.
STOPWORDS = frozenset(
    """aan als andere betreffende bij dat de decreet decreten deze die dit door een eens en er
    geen het hoe hun ik in is je maar met mij moet na naar niet nog of om omdat onder ons ook op
    over regels regeling te ten ter tot tussen uit van vanaf voor waar wat we wel werd wij worden
    wordt zijn zal zich zo zoals besluit vlaamse regering ministerieel houdende""".split()
)


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zà-ÿ]{4,}", text.lower()) if w not in STOPWORDS}


# --- Finding the regulation ----------------------------------------------------------------


def search(regulations, q: str):
    """The register searched by words of the title (as the register's own search)."""
    for word in q.split():
        regulations = regulations.filter(title__icontains=word)
    return regulations


def suggest(regulations: Iterable[Regulation], text: str, limit: int = 3) -> list[Regulation]:
    """The regulations whose titles share the most words with the text (a word's stem of at least
    six letters counts too: "omgevingsvergunningen" finds "omgevingsvergunning")."""
    found = words(text)
    scored = []
    for regulation in regulations:
        title = words(regulation.title)
        score = len(found & title) + sum(
            1 for t in title if len(t) >= 6 and any(w != t and (w.startswith(t) or t.startswith(w)) for w in found)
        )
        if score:
            scored.append((score, regulation.date, regulation))
    scored.sort(key=lambda row: (-row[0], -row[1].toordinal()))
    return [regulation for _score, _day, regulation in scored[:limit]]


# --- Spam protection -------------------------------------------------------------------------


def allow_from(address: str) -> bool:
    """Count a signal from `address`; False once it sent its hourly number."""
    cache = caches["shared"]
    key = f"feedback-signals:{address}"
    if cache.add(key, 1, timeout=3600):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=3600)
        return True
    return count <= settings.CHANCERY_FEEDBACK_SIGNALS_PER_HOUR


# --- Submission ------------------------------------------------------------------------------


@transaction.atomic
def submit(
    *,
    text: str,
    theme: str,
    reporter_kind: str,
    regulation: Regulation | None = None,
    anonymous: bool = True,
    name: str = "",
    email: str = "",
    organisation: str = "",
    evidence: Iterable = (),
    user=None,
    candidates: Iterable[Regulation] = (),
) -> FeedbackSignal:
    """A signal as sent on the public form: its text masked at once for publication. Without a
    regulation, the best suggestion among `candidates` (the register the sender may read) is
    recorded, marked as suggested, for the moderator to confirm."""
    text = (text or "").strip()
    if len(text) < MIN_TEXT:
        raise ValidationError(
            {"text": _("Describe the problem in at least %(n)s characters.") % {"n": MIN_TEXT}}, code="short"
        )
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("At most %(n)s characters.") % {"n": MAX_TEXT}}, code="long")
    if theme not in SignalTheme.values:
        raise ValidationError({"theme": _("Choose a theme.")}, code="theme")
    if reporter_kind not in ReporterKind.values:
        raise ValidationError({"reporter_kind": _("Say whether you report as a citizen or a company.")}, code="kind")
    if not anonymous and not (name.strip() and email.strip()):
        raise ValidationError(_("Give your name and e-mail address, or report anonymously."), code="identity")
    evidence = list(evidence)
    if len(evidence) > MAX_EVIDENCE:
        raise ValidationError({"evidence": _("At most %(n)s files.") % {"n": MAX_EVIDENCE}}, code="evidence")
    inspected = [inspect_upload(upload) for upload in evidence]
    suggested = False
    if regulation is None:
        found = suggest(candidates, text, limit=1)
        regulation, suggested = (found[0], True) if found else (None, False)
    masked = personal_data.mask(text)
    signal = FeedbackSignal.objects.create(
        regulation=regulation,
        regulation_suggested=suggested,
        theme=theme,
        reporter_kind=reporter_kind,
        anonymous=anonymous,
        name="" if anonymous else name.strip(),
        email="" if anonymous else email.strip(),
        organisation="" if anonymous else organisation.strip(),
        submitted_by=user if (user is not None and user.is_authenticated and not anonymous) else None,
        text=text,
        public_text=masked.text,
        personal_data_found=list(masked.found),
    )
    for upload, info in zip(evidence, inspected, strict=True):
        upload.seek(0)
        row = SignalEvidence(
            signal=signal, filename=info.filename, mime_type=info.mime_type, size=info.size, sha256=info.sha256
        )
        row.file.save(f"feedback/{uuid.uuid4()}", upload, save=False)
        row.save()
    # An anonymous signal stays anonymous in the audit trail too, also when its sender was logged in.
    audit.record(signal.submitted_by, AuditAction.CREATE, signal, after=audit.snapshot(signal, SIGNAL_AUDIT_FIELDS))
    return signal


# --- Moderation ------------------------------------------------------------------------------


def _lock(signal: FeedbackSignal) -> FeedbackSignal:
    locked = FeedbackSignal.objects.select_for_update().get(pk=signal.pk)
    if locked.state != FeedbackSignal.State.RECEIVED:
        raise ValidationError(_("This signal has already been moderated."), code="moderated")
    return locked


@dataclass(frozen=True)
class Similar:
    group: SignalGroup
    score: float


def similar_groups(signal: FeedbackSignal, limit: int = 5) -> list[Similar]:
    """Groups on the same regulation, most alike first (shared words of their published texts;
    the same theme counts as much as a shared quarter of the words)."""
    mine = words(signal.public_text)
    groups = SignalGroup.objects.filter(regulation=signal.regulation).prefetch_related("signals")
    found = []
    for group in groups:
        theirs = set().union(*(words(s.public_text) for s in group.signals.all())) | words(group.title)
        union = mine | theirs
        score = (len(mine & theirs) / len(union) if union else 0.0) + (0.25 if group.theme == signal.theme else 0)
        found.append(Similar(group, round(score, 3)))
    found.sort(key=lambda s: -s.score)
    return found[:limit]


@transaction.atomic
def publish(
    actor,
    signal: FeedbackSignal,
    *,
    regulation: Regulation | None = None,
    group: SignalGroup | None = None,
    title: str = "",
    public_text: str | None = None,
    note: str = "",
) -> FeedbackSignal:
    """Publish the masked text, in `group` (similar signals on the same regulation) or a new group
    titled `title`. A moderator's edit of the text is masked again."""
    require(actor, "regulation.moderate_feedback")
    signal = _lock(signal)
    before = audit.snapshot(signal, SIGNAL_AUDIT_FIELDS)
    regulation = regulation or signal.regulation
    if group is not None and group.regulation_id != (regulation.pk if regulation else None):
        raise ValidationError({"group": _("A signal joins only a group on the same regulation.")}, code="group")
    if group is None:
        if not title.strip():
            raise ValidationError({"title": _("Give the new group a title.")}, code="title")
        masked_title = personal_data.mask(title.strip())
        group = SignalGroup.objects.create(regulation=regulation, title=masked_title.text, theme=signal.theme)
        audit.record(actor, AuditAction.CREATE, group, after=audit.snapshot(group, GROUP_AUDIT_FIELDS))
    if public_text is not None and public_text.strip():
        masked = personal_data.mask(public_text.strip())
        signal.public_text = masked.text
        signal.personal_data_found = sorted(set(signal.personal_data_found) | set(masked.found))
    signal.regulation = regulation
    signal.state = FeedbackSignal.State.PUBLISHED
    signal.group = group
    signal.moderation_note = note.strip()
    signal.moderated_by, signal.moderated_at = actor, timezone.now()
    signal.save()
    audit.record(
        actor, AuditAction.STATE_CHANGE, signal, before=before, after=audit.snapshot(signal, SIGNAL_AUDIT_FIELDS)
    )
    events.emit(SIGNAL_PUBLISHED.code, signal, {"group": group.pk, "regulation": regulation.pk if regulation else None})
    return signal


@transaction.atomic
def reject(actor, signal: FeedbackSignal, *, reason: str, note: str) -> FeedbackSignal:
    """Refuse to publish: spam, personal data (a person's own case) or off-topic, with the reason."""
    require(actor, "regulation.moderate_feedback")
    if reason not in FeedbackSignal.Rejection.values:
        raise ValidationError({"reason": _("Choose why the signal is not published.")}, code="reason")
    if not note.strip():
        raise ValidationError({"note": _("Say why the signal is not published.")}, code="note")
    signal = _lock(signal)
    before = audit.snapshot(signal, SIGNAL_AUDIT_FIELDS)
    signal.state, signal.rejection, signal.moderation_note = FeedbackSignal.State.REJECTED, reason, note.strip()
    signal.moderated_by, signal.moderated_at = actor, timezone.now()
    signal.save()
    audit.record(
        actor, AuditAction.STATE_CHANGE, signal, before=before, after=audit.snapshot(signal, SIGNAL_AUDIT_FIELDS),
        reason=note.strip(),
    )  # fmt: skip
    return signal


@transaction.atomic
def answer(actor, group: SignalGroup, *, status: str, text: str) -> SignalGroup:
    """The public answer and status of a group. An answer that would publish personal data is
    refused (it is published as written)."""
    require(actor, "regulation.moderate_feedback")
    if status not in SignalGroup.Status.values:
        raise ValidationError({"status": _("Choose a status.")}, code="status")
    text = text.strip()
    if status != SignalGroup.Status.UNDER_STUDY and not text:
        raise ValidationError({"text": _("Write the public answer.")}, code="answer")
    found = personal_data.mask(text).found
    if found:
        raise ValidationError(
            {"text": _("The answer contains personal data (%(kinds)s): remove it before publishing.")
             % {"kinds": ", ".join(str(KIND_LABELS[k]) for k in found)}},
            code="personal_data",
        )  # fmt: skip
    group = SignalGroup.objects.select_for_update().get(pk=group.pk)
    before = audit.snapshot(group, GROUP_AUDIT_FIELDS)
    group.status, group.answer = status, text
    group.answered_at, group.answered_by = (timezone.now(), actor) if text else (None, None)
    group.save()
    audit.record(actor, AuditAction.UPDATE, group, before=before, after=audit.snapshot(group, GROUP_AUDIT_FIELDS))
    if text:
        events.emit(SIGNAL_ANSWERED.code, group, {"status": status})
    return group


KIND_LABELS = {
    "email": gettext_lazy("e-mail address"),
    "iban": gettext_lazy("bank account"),
    "national_number": gettext_lazy("national register number"),
    "phone": gettext_lazy("phone number"),
}
