"""How the register hears of decision-making: a final approval of a draft regulation (a decision
recorded or corrected) enters it in the register; its publication in the Gazette gives it NUMAC
and ELI. Both run inside the transaction of the change in decision-making."""

from chancery.decisions.events import DECISION_CORRECTED, DECISION_RECORDED
from chancery.regulation.services import register


def on_domain_event(sender, *, type, subject, data, **kwargs) -> None:  # noqa: A002 - the signal's argument
    if type in (DECISION_RECORDED.code, DECISION_CORRECTED.code):
        register.register_approved(subject)


def on_publication_date_set(sender, *, publication, **kwargs) -> None:
    register.record_publication(publication)
