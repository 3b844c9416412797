"""The register of processing activities (GDPR art. 30) as the pages show it: what each module
declared (core.personal_data), with for each holding the model, the data subject, the fields and
whether the law keeps them or they may be pseudonymised."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext as _

from chancery.core import personal_data
from chancery.core.personal_data import Activity


@dataclass(frozen=True)
class HoldingRow:
    model: str
    subject: str
    fields: list[str]
    erasure: str  # what happens on a request for erasure


@dataclass(frozen=True)
class Entry:
    activity: Activity
    module: str
    holdings: list[HoldingRow]


def _erasure(holding) -> str:
    if callable(holding.kept):
        return _("pseudonymised unless the law keeps the row (checked per row)")
    if holding.kept:
        return str(holding.kept)
    return _("pseudonymised on request")


def entries(public_only: bool = False) -> list[Entry]:
    result = []
    for activity in personal_data.activities():
        if public_only and not activity.public:
            continue
        rows = []
        for holding in activity.holdings:
            model = apps.get_model(holding.model)
            rows.append(HoldingRow(
                model=str(model._meta.verbose_name),
                subject=str(holding.subject),
                fields=[holding.label(model, name) for name in holding.fields],
                erasure=_erasure(holding),
            ))  # fmt: skip
        result.append(Entry(activity, str(apps.get_app_config(activity.app).verbose_name), rows))
    return result
