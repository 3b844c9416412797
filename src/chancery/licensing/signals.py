"""Receivers of the engine's `case_transitioned` (procedures.signals): decisions on strategic-goods
applications (a licence or a refusal letter) and on applications for a prior authorisation (the
authorisation itself), in the step's own transaction."""

from __future__ import annotations

from chancery.licensing.procedure import CODE as PRIOR_AUTHORISATION_CODE
from chancery.licensing.services import licences, prior
from chancery.strategic_goods.procedure import CODE


def on_case_transition(sender, case, step, actor, **kwargs):
    instance = step
    if case.procedure == PRIOR_AUTHORISATION_CODE:
        if instance.target == "granted":
            prior.grant_from_case(case, actor=instance.actor, decided_at=instance.at)
        elif instance.target == "revoked":
            prior.revoke_from_case(case, actor=instance.actor, decided_at=instance.at)
        return
    if case.procedure != CODE:
        return
    if instance.target in licences.GRANTED and instance.source not in licences.GRANTED:
        licences.issue(case, actor=instance.actor, decided_at=instance.at, reason=instance.reason)
    elif instance.target == "refused":
        licences.refusal_letter(case, actor=instance.actor, decided_at=instance.at, motivation=instance.reason)
