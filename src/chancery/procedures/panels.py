"""What other apps show on a case's pages and in the inbox, without the engine knowing them; and
what the engine shows on the home page (`home_panel`, registered in ProceduresConfig.ready()).

A domain app registers, in its ready():

    panels.register_case_panel("CSG", "strategic_goods/case_panel.html", application_context)
    panels.register_inbox_flag("CSG", earlier_denials, _("earlier denial"), _("Earlier denial of …"))

`context(request, case)` returns the panel's template context, or None to show nothing; the same
panels appear on the handler's case page and the applicant's counter page, so each context decides
what its reader may see. `flag(cases)` returns the references of the listed cases to mark, in a
fixed number of queries for the whole list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from chancery.core.authz import may
from chancery.procedures.services import queries


@dataclass(frozen=True)
class CasePanel:
    procedures: frozenset[str] | None  # None: every procedure
    template: str
    context: Callable
    order: int = 50


@dataclass(frozen=True)
class InboxFlag:
    procedures: frozenset[str] | None
    flag: Callable[[list], set[str]]
    label: str
    description: str


_panels: list[CasePanel] = []
_flags: list[InboxFlag] = []


def _codes(procedures: str | Iterable[str] | None) -> frozenset[str] | None:
    if procedures is None:
        return None
    return frozenset({procedures} if isinstance(procedures, str) else procedures)


def register_case_panel(procedures, template: str, context: Callable, *, order: int = 50) -> None:
    panel = CasePanel(_codes(procedures), template, context, order)
    if panel not in _panels:
        _panels.append(panel)


def register_inbox_flag(procedures, flag: Callable, label: str, description: str = "") -> None:
    entry = InboxFlag(_codes(procedures), flag, label, description)
    if entry not in _flags:
        _flags.append(entry)


def _applies(codes: frozenset[str] | None, procedure: str) -> bool:
    return codes is None or procedure in codes


def render_panels(request, case) -> str:
    """Every panel registered for the case's procedure, rendered in order."""
    html = []
    for panel in sorted(_panels, key=lambda p: p.order):
        if not _applies(panel.procedures, case.procedure):
            continue
        context = panel.context(request, case)
        if context is not None:
            html.append(render_to_string(panel.template, {"case": case, **context}, request=request))
    return mark_safe("".join(html))  # noqa: S308 - rendered by templates that escape their values


def flags(cases) -> dict[str, list[InboxFlag]]:
    """Reference → the flags that mark it, for the listed cases."""
    cases = list(cases)
    marked: dict[str, list[InboxFlag]] = {}
    for entry in _flags:
        chosen = [case for case in cases if _applies(entry.procedures, case.procedure)]
        if not chosen:
            continue
        for reference in entry.flag(chosen):
            marked.setdefault(reference, []).append(entry)
    return marked


def home_panel(request) -> dict:
    """The handler's open cases and overdue ones; the applicant's files awaiting their answer."""
    user = request.user
    if may(user, "procedures.handle_cases"):
        return {"handler": True, "mine": queries.inbox(user, "mine").count(), "overdue": queries.overdue(user).count()}
    if may(user, "procedures.apply"):
        return {"applicant": True, **queries.applicant_summary(user)}
    return {}
