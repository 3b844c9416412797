"""Denial notifications (Common Position 2008/944/CFSP art. 4; procedure-rules.md §A5): each refusal
is recorded with its destination, control-list codes and end user, and a later application for an
essentially identical transaction is flagged so that the handler consults the earlier denial.

"Essentially identical" here: the same country of destination and at least one identical
control-list code, denied within the last three years (the consultation period of art. 4). The end
user is shown to the handler but not required to match: a changed consignee name must not hide a
transaction that is otherwise the same.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from chancery.core import audit
from chancery.core.models import AuditAction
from chancery.strategic_goods.models import Application, DenialNotification

CONSULTATION_YEARS = 3


def record_denial(case, actor=None, *, source: str | None = None) -> DenialNotification | None:
    application = Application.objects.filter(case=case).first()
    if application is None:
        return None
    denial, created = DenialNotification.objects.get_or_create(
        case=case,
        defaults={
            "destination_country": application.destination_country,
            "control_list_codes": application.control_list_codes,
            "end_user_name": application.end_user_name,
            "end_user_country": application.end_user_country,
            "denied_on": timezone.localdate(),
        },
    )
    if created:
        audit.record(
            actor,
            AuditAction.CREATE,
            denial,
            after={"case": case.reference, "destination_country": denial.destination_country,
                   "control_list_codes": denial.control_list_codes},
            source=source,
        )  # fmt: skip
    return denial


def on_refused(case, actor) -> None:
    record_denial(case, actor)


def _since(today: datetime.date) -> datetime.date:
    """Three years back (29 February counts from 28 February)."""
    day = 28 if (today.month, today.day) == (2, 29) else today.day
    return today.replace(year=today.year - CONSULTATION_YEARS, day=day)


def earlier_denials(case, *, today: datetime.date | None = None) -> list[DenialNotification]:
    """Denials of essentially identical transactions in the last three years (not the case's own)."""
    application = Application.objects.filter(case=case).prefetch_related("goods_lines").first()
    if application is None:
        return []
    today = today or timezone.localdate()
    since = _since(today)
    codes = set(application.control_list_codes)
    candidates = (
        DenialNotification.objects.filter(destination_country=application.destination_country, denied_on__gte=since)
        .exclude(case=case)
        .select_related("case")
    )
    # The codes are a short JSON list: compared in Python, the same on SQLite and PostgreSQL.
    return [d for d in candidates if codes & set(d.control_list_codes)]


def flagged(cases, *, today: datetime.date | None = None) -> set[str]:
    """The references of those cases that have an earlier denial (the inbox's flag), in a fixed
    number of queries."""
    if not cases:
        return set()
    today = today or timezone.localdate()
    applications = Application.objects.filter(case__in=cases).prefetch_related("goods_lines").select_related("case")
    wanted = {a.destination_country for a in applications}
    if not wanted:
        return set()
    recent = DenialNotification.objects.filter(destination_country__in=wanted, denied_on__gte=_since(today))
    by_country: dict[str, list[DenialNotification]] = {}
    for denial in recent:
        by_country.setdefault(denial.destination_country, []).append(denial)
    result = set()
    for application in applications:
        codes = {line.control_list_code for line in application.goods_lines.all()}
        for denial in by_country.get(application.destination_country, []):
            if denial.case_id != application.case_id and codes & set(denial.control_list_codes):
                result.add(application.case.reference)
    return result
