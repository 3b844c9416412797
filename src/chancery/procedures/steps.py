"""Steps that many procedures share, declared once: the applicant's withdrawal, and the handler's
request for more information with the applicant's answer, which returns the file to the state
where the question was asked (so a clock that was running resumes, one that had not started has
not). A definition spreads them among its own transitions."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy

from chancery.procedures.engine import APPLICANT, Transition
from chancery.procedures.guards import applicant_answered, notify_applicant

REQUESTED = notify_applicant(gettext_lazy("We need more information about your application. See the question."))


def withdrawals(sources: Iterable[str], target: str = "withdrawn") -> list[Transition]:
    """The applicant may withdraw the file from each of `sources`."""
    return [
        Transition(name="withdraw", label=gettext_lazy("Withdraw"), source=source, target=target, roles={APPLICANT})
        for source in sources
    ]


def information_requests(handlers: set[str], pairs: Iterable[tuple[str, str]]) -> list[Transition]:
    """For each (state, waiting state): the handlers' request for more information (a reason the
    applicant reads, who is notified) and the applicant's answer back to `state`."""
    steps: list[Transition] = []
    for state, waiting in pairs:
        steps.append(
            Transition(
                name="request_information",
                label=gettext_lazy("Request more information"),
                source=state,
                target=waiting,
                roles=handlers,
                reason_required=True,
                reason_to_applicant=True,
                on_enter=(REQUESTED,),
            )  # fmt: skip
        )
    for state, waiting in pairs:
        steps.append(
            Transition(
                name="answer",
                label=gettext_lazy("Answer the request"),
                source=waiting,
                target=state,
                roles={APPLICANT},
                guards=(applicant_answered(),),
            )  # fmt: skip
        )
    return steps
