"""How the EU files hear of decision-making: a decision on a position submitted to the Government
approves it (or not), inside the decision's transaction."""

from chancery.decisions.events import DECISION_CORRECTED, DECISION_RECORDED
from chancery.eu_files.services import positions


def on_domain_event(sender, *, type, subject, data, **kwargs) -> None:  # noqa: A002 - the signal's argument
    if type in (DECISION_RECORDED.code, DECISION_CORRECTED.code):
        positions.record_decision(subject)
