"""The nomination for the human rights prize, procedure `MRP` (memorandum §6.1.2, issue 15).

received (sent on the public form, no login: a confidential file, the nominee may be a person at
risk) → admissible | inadmissible → shortlisted (guard `has_jury`; entry action `open_reviews`: a
review for every jury member) → scored (guard `all_scored`: every member without a conflict of
interest scored) → laureate (guards `period_closed`, `no_laureate_yet`; entry action
`record_laureate`: the edition's laureate under its row lock, audited, event
`grants.prize_laureate_decided`) | not chosen (also straight from admissible: not shortlisted).
The nominator has no account: nothing is asked of them on the engine."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from chancery.core.permissions import CIVIL_SERVICE, SECRETARIAT
from chancery.grants.permissions import TEAM
from chancery.grants.services import prize
from chancery.procedures.engine import Action, DocumentType, Guard, Procedure, State, Transition

PRIZE_CODE = prize.CODE
HANDLERS = CIVIL_SERVICE | SECRETARIAT

HAS_JURY = Guard("has_jury", gettext_lazy("The edition's jury is composed"), prize.has_jury)
ALL_SCORED = Guard("all_scored", gettext_lazy("Every jury member without a conflict of interest scored"),
                   prize.all_scored)  # fmt: skip
PERIOD_CLOSED = Guard("period_closed", gettext_lazy("The nomination period is over"), prize.period_closed)
NO_LAUREATE_YET = Guard("no_laureate_yet", gettext_lazy("The edition has no laureate yet"), prize.no_laureate_yet)
OPEN_REVIEWS = Action("open_reviews", gettext_lazy("Open a review for every jury member"), prize.open_reviews)
RECORD_LAUREATE = Action("record_laureate", gettext_lazy("Record the laureate of the edition"),
                         prize.record_laureate)  # fmt: skip


def _t(name, label, source, target, **options) -> Transition:
    return Transition(name=name, label=label, source=source, target=target, roles=HANDLERS, **options)


HUMAN_RIGHTS_PRIZE = Procedure(
    code=PRIZE_CODE,
    name=gettext_lazy("Nomination for the human rights prize"),
    description=gettext_lazy(
        "A nomination of a person or organisation for the yearly human rights prize of the Flemish Government, "
        "sent on the public form; the jury scores the shortlisted nominations and the laureate is decided."
    ),
    team=TEAM,
    initial="received",
    access_level="confidential",
    document_types=(
        DocumentType("nomination", gettext_lazy("nomination")),
        DocumentType("annex", gettext_lazy("annex")),
    ),
    states=(
        State(
            "received", gettext_lazy("Received, admissibility being checked"), gettext_lazy("Received, being checked")
        ),
        State(
            "admissible", gettext_lazy("Admissible"), gettext_lazy("Under assessment"), public_code="under_assessment"
        ),
        State("inadmissible", gettext_lazy("Inadmissible"), final=True),
        State(
            "shortlisted",
            gettext_lazy("Shortlisted, the jury scores"),
            gettext_lazy("Under assessment"),
            public_code="under_assessment",
        ),
        State(
            "scored",
            gettext_lazy("Scored by the jury, decision being prepared"),
            gettext_lazy("Under assessment"),
            public_code="under_assessment",
        ),
        State("laureate", gettext_lazy("Laureate"), final=True),
        State("not_chosen", gettext_lazy("Not chosen"), final=True),
    ),  # fmt: skip
    transitions=(
        _t("declare_admissible", gettext_lazy("Declare admissible"), "received", "admissible"),
        _t(
            "declare_inadmissible",
            gettext_lazy("Declare inadmissible"),
            "received",
            "inadmissible",
            reason_required=True,
        ),
        _t(
            "shortlist",
            gettext_lazy("Shortlist for the jury"),
            "admissible",
            "shortlisted",
            guards=(HAS_JURY,),
            on_enter=(OPEN_REVIEWS,),
        ),
        _t("close_scoring", gettext_lazy("Close the jury's scoring"), "shortlisted", "scored", guards=(ALL_SCORED,)),
        _t(
            "award_prize",
            gettext_lazy("Decide: laureate"),
            "scored",
            "laureate",
            guards=(PERIOD_CLOSED, NO_LAUREATE_YET),
            reason_required=True,
            on_enter=(RECORD_LAUREATE,),
        ),
        *(
            _t("not_choose", gettext_lazy("Not chosen"), source, "not_chosen", reason_required=True)
            for source in ("admissible", "scored")
        ),
    ),  # fmt: skip
)
