"""The crisis register's use cases. Each change is require → atomic → change → audit, so the pages,
the admin and the demo behave alike. Bad input is refused with a ValidationError in Dutch and
nothing is stored.

The logbook is written only by `add_entry`: numbered per crisis under a lock on the crisis row, and
never changed afterwards (models.LogEntry, migration 0002); `correct_entry` adds the correction as a
new entry pointing to the one it corrects. A change of escalation level writes its own entry."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.authz import may, require
from chancery.core.models import AuditAction
from chancery.core.pdf import html_to_pdf
from chancery.crisis import levels
from chancery.crisis.models import (
    Contact,
    ContinuityPlan,
    Crisis,
    CrisisKind,
    CrisisMember,
    CrisisStatus,
    Finding,
    Lesson,
    LogEntry,
    MemberRole,
    SituationReport,
    Task,
)
from chancery.crisis.permissions import works_in

CRISIS_FIELDS = ("kind", "type", "title", "description", "level", "status", "started_at", "ended_at")


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message}, code="required")
    return value


def _label(user) -> str:
    return (user.get_full_name() or user.get_username())[:200]


# Crises --------------------------------------------------------------------------------------


@transaction.atomic
def open_crisis(
    actor, *, title: str, type: str, kind: str = CrisisKind.CRISIS, level: str = "monitoring", description: str = "",
    started_at: datetime.datetime | None = None, entities=(), competences=(), members=(),
) -> Crisis:  # fmt: skip
    """Open a crisis, incident or exercise. `members`: the people entitled to it, besides the
    coordinator who opens it (who leads it). The logbook's first entry says it was opened."""
    require(actor, "crisis.coordinate")
    if level not in levels.BY_CODE:
        raise ValidationError({"level": _("Unknown escalation level.")}, code="level")
    crisis = Crisis(
        title=_text(title, "title", _("A crisis needs a title.")), type=type, kind=kind, level=level,
        description=description.strip(), started_at=started_at or timezone.now(), created_by=actor,
    )  # fmt: skip
    crisis.full_clean()
    crisis.save()
    crisis.entities.set(entities)
    crisis.competences.set(competences)
    CrisisMember.objects.create(crisis=crisis, user=actor, role=MemberRole.LEAD)
    for user in members:
        if user.pk != actor.pk:
            CrisisMember.objects.get_or_create(crisis=crisis, user=user)
    audit.record(actor, AuditAction.CREATE, crisis, after=audit.snapshot(crisis, CRISIS_FIELDS))
    _write(actor, crisis, _("Opened at level: %(level)s.") % {"level": crisis.level_info.label},
           occurred_at=crisis.started_at)  # fmt: skip
    return crisis


@transaction.atomic
def name_member(actor, crisis: Crisis, user, role: str = MemberRole.MEMBER) -> CrisisMember:
    require(actor, "crisis.coordinate")
    if not user.is_active:
        raise ValidationError({"user": _("This account is not active.")}, code="inactive")
    membership, created = CrisisMember.objects.get_or_create(crisis=crisis, user=user, defaults={"role": role})
    if created:
        audit.record(actor, AuditAction.CREATE, membership, after={"crisis": crisis.pk, "user": user.pk, "role": role})
    return membership


@transaction.atomic
def set_level(actor, crisis: Crisis, level: str, reason: str) -> Crisis:
    """Escalate or de-escalate; the logbook records it with the reason."""
    require(actor, "crisis.work", crisis)
    if level not in levels.BY_CODE:
        raise ValidationError({"level": _("Unknown escalation level.")}, code="level")
    reason = _text(reason, "reason", _("Say why the level changes."))
    crisis = Crisis.objects.select_for_update().get(pk=crisis.pk)
    if level == crisis.level:
        raise ValidationError({"level": _("The crisis is at this level already.")}, code="same")
    before = audit.snapshot(crisis, CRISIS_FIELDS)
    old = crisis.level_info
    crisis.level = level
    crisis.save(update_fields=["level"])
    new = crisis.level_info
    verb = _("Escalated") if new.rank > old.rank else _("De-escalated")
    _write(actor, crisis, f"{verb}: {old.label} → {new.label}. {reason}")
    audit.record(actor, AuditAction.UPDATE, crisis, before=before, after=audit.snapshot(crisis, CRISIS_FIELDS),
                 reason=reason)  # fmt: skip
    return crisis


@transaction.atomic
def close_crisis(actor, crisis: Crisis, summary: str, *, ended_at: datetime.datetime | None = None) -> Crisis:
    """Close the crisis (`ended_at`: when it ended, by default now; never later than now)."""
    require(actor, "crisis.work", crisis)
    summary = _text(summary, "summary", _("Say how the crisis ended."))
    crisis = Crisis.objects.select_for_update().get(pk=crisis.pk)
    if crisis.status == CrisisStatus.CLOSED:
        raise ValidationError(_("This crisis is closed already."), code="closed")
    ended_at = min(ended_at or timezone.now(), timezone.now())
    if ended_at < crisis.started_at:
        raise ValidationError(_("A crisis ends after it starts."), code="order")
    before = audit.snapshot(crisis, CRISIS_FIELDS)
    crisis.status, crisis.ended_at = CrisisStatus.CLOSED, ended_at
    crisis.save(update_fields=["status", "ended_at"])
    _write(actor, crisis, _("Closed: %(summary)s") % {"summary": summary}, occurred_at=ended_at)
    audit.record(actor, AuditAction.STATE_CHANGE, crisis, before=before, after=audit.snapshot(crisis, CRISIS_FIELDS))
    return crisis


# The logbook ---------------------------------------------------------------------------------


def _write(actor, crisis: Crisis, text: str, *, occurred_at=None, corrects: LogEntry | None = None) -> LogEntry:
    """The next entry of the logbook (the caller holds the transaction; the crisis row is locked
    here so that two entries never take the same number)."""
    Crisis.objects.select_for_update().filter(pk=crisis.pk).first()
    last = LogEntry.objects.filter(crisis=crisis).aggregate(last=Max("number"))["last"] or 0
    entry = LogEntry(
        crisis=crisis, number=last + 1, occurred_at=occurred_at or timezone.now(), author=actor,
        author_label=_label(actor), text=text, corrects=corrects,
    )  # fmt: skip
    entry.save()
    audit.record(actor, AuditAction.CREATE, entry, after={"crisis": crisis.pk, "number": entry.number,
                 "text": text, "corrects": corrects.pk if corrects else None})  # fmt: skip
    return entry


@transaction.atomic
def add_entry(actor, crisis: Crisis, text: str, *, occurred_at: datetime.datetime | None = None) -> LogEntry:
    require(actor, "crisis.work", crisis)
    text = _text(text, "text", _("A logbook entry cannot be empty."))
    if occurred_at is not None and occurred_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("A logbook entry records what happened, not what will.")},
                              code="future")  # fmt: skip
    return _write(actor, crisis, text, occurred_at=occurred_at)


@transaction.atomic
def correct_entry(actor, entry: LogEntry, text: str) -> LogEntry:
    """A correction: a new entry that points to `entry`, which stays as it was."""
    crisis = entry.crisis
    require(actor, "crisis.work", crisis)
    text = _text(text, "text", _("Say what the correction is."))
    return _write(actor, crisis, text, occurred_at=entry.occurred_at, corrects=entry)


# Tasks, contacts, reports, lessons, findings --------------------------------------------------------


@transaction.atomic
def add_task(actor, crisis: Crisis, *, title: str, owner, deadline: datetime.datetime | None) -> Task:
    require(actor, "crisis.work", crisis)
    title = _text(title, "title", _("Describe the task."))
    if owner is None:
        raise ValidationError({"owner": _("A crisis task needs an owner: name who carries it out.")}, code="owner")
    if deadline is None:
        raise ValidationError({"deadline": _("A crisis task needs a deadline.")}, code="deadline")
    if not works_in(owner, crisis):
        raise ValidationError({"owner": _("The owner must be named on this crisis.")}, code="owner")
    task = Task.objects.create(crisis=crisis, title=title, owner=owner, deadline=deadline, created_by=actor)
    audit.record(actor, AuditAction.CREATE, task, after=audit.snapshot(task, ("crisis", "title", "owner", "deadline")))
    return task


@transaction.atomic
def complete_task(actor, task: Task) -> Task:
    require(actor, "crisis.work", task.crisis)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.done_at is not None:
        raise ValidationError(_("This task is done already."), code="done")
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    audit.record(
        actor, AuditAction.STATE_CHANGE, task, before={"done_at": None}, after={"done_at": task.done_at.isoformat()}
    )
    return task


@transaction.atomic
def add_contact(actor, crisis: Crisis, *, name: str, organisation="", function="", phone="", email="") -> Contact:
    require(actor, "crisis.work", crisis)
    name = _text(name, "name", _("A contact needs a name."))
    if not (phone.strip() or email.strip()):
        raise ValidationError(_("Give a phone number or an email address."), code="reach")
    contact = Contact(crisis=crisis, name=name, organisation=organisation.strip(), function=function.strip(),
                      phone=phone.strip(), email=email.strip())  # fmt: skip
    contact.full_clean()
    contact.save()
    fields = ("crisis", "name", "organisation", "function", "phone", "email")
    audit.record(actor, AuditAction.CREATE, contact, after=audit.snapshot(contact, fields))
    return contact


@transaction.atomic
def add_situation_report(
    actor, crisis: Crisis, *, period_start: datetime.datetime, period_end: datetime.datetime, situation: str,
    actions: str = "", outlook: str = "",
) -> SituationReport:  # fmt: skip
    require(actor, "crisis.work", crisis)
    situation = _text(situation, "situation", _("Describe the situation."))
    if period_end <= period_start:
        raise ValidationError({"period_end": _("The period ends after it starts.")}, code="order")
    crisis = Crisis.objects.select_for_update().get(pk=crisis.pk)
    last = SituationReport.objects.filter(crisis=crisis).aggregate(last=Max("number"))["last"] or 0
    report = SituationReport.objects.create(
        crisis=crisis, number=last + 1, period_start=period_start, period_end=period_end, situation=situation,
        actions=actions.strip(), outlook=outlook.strip(), level=crisis.level, prepared_by=actor,
    )  # fmt: skip
    audit.record(actor, AuditAction.CREATE, report,
                 after=audit.snapshot(report, ("crisis", "number", "period_start", "period_end", "level")))  # fmt: skip
    return report


@transaction.atomic
def add_lesson(actor, crisis: Crisis, *, text: str, action: str = "") -> Lesson:
    require(actor, "crisis.work", crisis)
    lesson = Lesson.objects.create(
        crisis=crisis, text=_text(text, "text", _("Describe the lesson.")), action=action.strip(), recorded_by=actor
    )
    audit.record(actor, AuditAction.CREATE, lesson, after=audit.snapshot(lesson, ("crisis", "text", "action")))
    return lesson


@transaction.atomic
def add_finding(actor, crisis: Crisis, *, text: str, severity: str, follow_up: str = "") -> Finding:
    require(actor, "crisis.work", crisis)
    if crisis.kind != CrisisKind.EXERCISE:
        raise ValidationError(_("Findings belong to exercises; record a lesson learned instead."), code="kind")
    finding = Finding(crisis=crisis, text=_text(text, "text", _("Describe the finding.")), severity=severity,
                      follow_up=follow_up.strip(), recorded_by=actor)  # fmt: skip
    finding.full_clean()
    finding.save()
    audit.record(actor, AuditAction.CREATE, finding, after=audit.snapshot(finding, ("crisis", "text", "severity")))
    return finding


# Business continuity --------------------------------------------------------------------------


def default_review(approved_on: datetime.date) -> datetime.date:
    """The approval date CONTINUITY_REVIEW_MONTHS later (the last day of the month if shorter)."""
    months = approved_on.month - 1 + levels.CONTINUITY_REVIEW_MONTHS
    year, month = approved_on.year + months // 12, months % 12 + 1
    for day in (approved_on.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


PLAN_FIELDS = ("entity", "title", "version", "approved_on", "review_due", "owner")


@transaction.atomic
def register_plan(
    actor, *, entity, title: str, approved_on: datetime.date, version: str = "1.0", review_due=None, owner="",
    notes="",
) -> ContinuityPlan:  # fmt: skip
    require(actor, "crisis.coordinate")
    review_due = review_due or default_review(approved_on)
    if review_due <= approved_on:
        raise ValidationError({"review_due": _("The review is due after the approval.")}, code="order")
    plan = ContinuityPlan(entity=entity, title=_text(title, "title", _("A plan needs a title.")), version=version,
                          approved_on=approved_on, review_due=review_due, owner=owner, notes=notes)  # fmt: skip
    plan.full_clean()
    plan.save()
    audit.record(actor, AuditAction.CREATE, plan, after=audit.snapshot(plan, PLAN_FIELDS))
    return plan


@transaction.atomic
def review_plan(actor, plan: ContinuityPlan, *, approved_on: datetime.date, version: str) -> ContinuityPlan:
    """The plan was reviewed and approved again: its next review follows from this approval."""
    require(actor, "crisis.coordinate")
    plan = ContinuityPlan.objects.select_for_update().get(pk=plan.pk)
    if approved_on < plan.approved_on:
        raise ValidationError({"approved_on": _("A review comes after the previous approval.")}, code="order")
    before = audit.snapshot(plan, PLAN_FIELDS)
    plan.approved_on, plan.version, plan.review_due = (
        approved_on,
        version.strip() or plan.version,
        default_review(approved_on),
    )
    plan.save(update_fields=["approved_on", "version", "review_due"])
    audit.record(actor, AuditAction.UPDATE, plan, before=before, after=audit.snapshot(plan, PLAN_FIELDS))
    return plan


def plans_to_review(reader, today: datetime.date | None = None) -> list[ContinuityPlan]:
    """The plans `reader` reads whose review is overdue or due within CONTINUITY_DUE_SOON_DAYS."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=levels.CONTINUITY_DUE_SOON_DAYS)
    plans = ContinuityPlan.objects.visible_to(reader).filter(review_due__lte=horizon).select_related("entity")
    return list(plans.order_by("review_due", "pk"))


# Reading ----------------------------------------------------------------------------------


def active_crises(reader) -> list[Crisis]:
    return list(Crisis.objects.visible_to(reader).filter(status=CrisisStatus.ACTIVE).order_by("-started_at"))


@dataclass
class CrisisPage:
    """Everything the crisis page shows, in a fixed number of queries whatever the crisis holds."""

    crisis: Crisis
    entries: list[LogEntry]
    corrected_by: dict[int, list[LogEntry]]
    tasks: list[Task]
    may_work: bool


def crisis_page(reader, crisis_id: int) -> CrisisPage | None:
    """The crisis `reader` is entitled to with all it holds (None: not there, or not for them)."""
    crisis = (
        Crisis.objects.visible_to(reader)
        .select_related("created_by")
        .prefetch_related(
            "entities",
            "competences",
            Prefetch(
                "memberships", queryset=CrisisMember.objects.select_related("user").order_by("role", "user__username")
            ),
            Prefetch("logbook", queryset=LogEntry.objects.select_related("corrects").order_by("number")),
            Prefetch("tasks", queryset=Task.objects.select_related("owner")),
            "contacts",
            "situation_reports",
            "lessons",
            "findings",
        )  # fmt: skip
        .filter(pk=crisis_id)
        .first()
    )
    if crisis is None:
        return None
    entries = list(crisis.logbook.all())
    corrected_by: dict[int, list[LogEntry]] = {}
    for entry in entries:
        if entry.corrects_id:
            corrected_by.setdefault(entry.corrects_id, []).append(entry)
    for entry in entries:
        entry.corrected_by = corrected_by.get(entry.pk, [])
    may_work = may(reader, "crisis.coordinate") or any(m.user_id == reader.pk for m in crisis.memberships.all())
    return CrisisPage(crisis, entries, corrected_by, list(crisis.tasks.all()), may_work)


def report_context(report: SituationReport) -> dict:
    return {"report": report, "crisis": report.crisis, "level": levels.BY_CODE[report.level]}


def report_html(report: SituationReport) -> str:
    return render_to_string("crisis/sitrep_print.html", report_context(report))


def report_pdf(report: SituationReport) -> bytes:
    return html_to_pdf(report_html(report))
