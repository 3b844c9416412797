"""The disaster fund listens to decision-making and to the engine, inside their transactions:
the publication of a recognition decision in the Belgisch Staatsblad opens the claim window
(services.recognitions.record_publication); a Government decision not to recognise closes the
event and its reports (services.recognitions.record_rejection); a decision on a claim (or its
refusal) writes the decision letter on the case (services.claims.write_decision_letter)."""

from django.dispatch import receiver

from chancery.decisions.signals import publication_date_set
from chancery.disaster_fund.procedure import CODE
from chancery.disaster_fund.services import claims
from chancery.disaster_fund.services.recognitions import record_publication
from chancery.procedures.signals import case_transitioned


@receiver(publication_date_set, dispatch_uid="disaster_fund.recognition_published")
def on_publication_date_set(sender, publication, **kwargs):
    record_publication(publication)


@receiver(case_transitioned, dispatch_uid="disaster_fund.decision_letter")
def on_case_transitioned(sender, case, step, actor, **kwargs):
    if case.procedure == CODE and step.name in claims.LETTER_STEPS:
        claims.write_decision_letter(case, actor=step.actor, decided_at=step.at, motivation=step.reason, step=step.name)
