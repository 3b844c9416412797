"""Who reads the disaster fund's models (the access registry, core.visibility). Municipalities
events (a phenomenon and its period, reported on at the counter) and recognitions once published
(a published Government decision, its municipalities) are public; damage reports and anomalies are
the fund's (a report holds a person's name and national
number; the reporter reads their own); a claim follows its file (procedures.Case)."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.visibility import Condition
from chancery.disaster_fund.models import Anomaly, Claim, DamageReport, DisasterEvent, Municipality, Recognition


def the_funds(user) -> visibility.Rule:
    return visibility.EVERYTHING if may(user, "disaster_fund.handle") else visibility.NOTHING


def reports(user) -> visibility.Rule:
    if may(user, "disaster_fund.handle"):
        return visibility.EVERYTHING
    if user is not None and user.is_authenticated:
        return ((Condition("reported_by", (user.pk,)),),)
    return visibility.NOTHING


def recognitions(user) -> visibility.Rule:
    if may(user, "disaster_fund.handle"):
        return visibility.EVERYTHING
    return ((Condition("state", ("published",)),),)


def register() -> None:
    visibility.register(Municipality, visibility.everyone)
    visibility.register(DisasterEvent, visibility.everyone)
    visibility.register(Recognition, recognitions)
    visibility.register(DamageReport, reports)
    visibility.register(Claim, visibility.follows("case"))
    visibility.register(Anomaly, the_funds)
