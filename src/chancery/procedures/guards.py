"""Guards and entry actions that any procedure definition may use. Messages are Dutch in the UI."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chancery.core.models import FileFormat
from chancery.procedures.engine import Action, Guard
from chancery.procedures.models import CaseNote


def attached(case, kind: str, *, file_format: str | None = None, internal: bool | None = None):
    """The case's documents of type `kind` (optionally in one format, internal or not)."""
    links = case.documents.filter(kind=kind).select_related("document")
    if internal is not None:
        links = links.filter(internal=internal)
    found = []
    for link in links:
        latest = link.document.latest_version
        if latest is not None and (file_format is None or latest.file_format == file_format):
            found.append(link)
    return found


def document_present(kind: str, label, *, pdf: bool = False, code: str = "") -> Guard:
    """A document of type `kind` (a PDF when `pdf`) is attached to the case."""

    def check(case):
        if attached(case, kind, file_format=FileFormat.PDF if pdf else None):
            return None
        if pdf and attached(case, kind):
            return _("The %(document)s must be a PDF file.") % {"document": label}
        return _("The %(document)s is missing.") % {"document": label}

    return Guard(code or f"{kind}_present", gettext_lazy("A %(document)s is attached") % {"document": label}, check)


def assessment_recorded() -> Guard:
    """An internal assessment note exists (the handler wrote down their assessment)."""

    def check(case):
        if case.notes.filter(internal=True).exists():
            return None
        return _("Record the assessment (an internal note) first.")

    return Guard("assessment_recorded", gettext_lazy("An internal assessment is recorded"), check)


def applicant_answered() -> Guard:
    """The applicant sent a message since the case last entered its current state (the request)."""

    def check(case):
        request = case.history.filter(target=case.state).order_by("-at", "-pk").first()
        answers = case.notes.filter(internal=False, author_id=case.applicant_user_id)
        if request is not None:
            answers = answers.filter(created_at__gte=request.at)
        if answers.exists():
            return None
        return _("Answer the request with a message first.")

    return Guard("applicant_answered", gettext_lazy("The applicant answered the request"), check)


def handler_assigned() -> Guard:
    def check(case):
        return None if case.handlers.exists() else _("Assign a handler to the case first.")

    return Guard("handler_assigned", gettext_lazy("A handler is assigned"), check)


# --- entry actions ----------------------------------------------------------------------------


def notify_applicant(message) -> Action:
    """A message to the applicant on the case (not internal), and an e-mail when they have an
    address. The mail leaves only once the transition is committed."""

    def run(case, transition, actor):
        text = str(message)
        CaseNote.objects.create(case=case, author=None, text=text, internal=False)
        user = case.applicant_user
        address = (user.email if user else "") or case.applicant.email
        if address:
            subject = f"{case.reference}: {case.title}"[:150]
            transaction.on_commit(
                lambda: send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=True)
            )

    return Action("notify_applicant", gettext_lazy("Notify the applicant"), run)


def set_data(key: str, value) -> Action:
    """Record a fact in the case's data (e.g. who decides, which selects the term)."""

    def run(case, transition, actor):
        case.data = {**case.data, key: value}

    return Action(f"set_{key}", gettext_lazy("Record %(key)s = %(value)s") % {"key": key, "value": value}, run)
