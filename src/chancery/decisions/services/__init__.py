"""Use cases of decision-making, one module per concern; import them from here."""

from chancery.decisions.services.agendas import (
    AgendaComparison,
    AgendaConflict,
    ItemChange,
    add_item,
    approve_agenda,
    approve_all_formally,
    can_manage_agendas,
    compare_agendas,
    create_meeting,
    current_draft,
    move_item,
    set_formal_check,
)
from chancery.decisions.services.dossiers import add_step, create_dossier, dossier_phase, put_step_on_agenda
from chancery.decisions.services.outcomes import (
    close_meeting,
    correct_decision,
    final_items,
    record_decision,
    set_press_summary,
)
from chancery.decisions.services.releases import (
    confirm_release,
    default_release_times,
    plan_release,
    release_now,
    run_due_releases,
)

__all__ = [
    "AgendaComparison",
    "AgendaConflict",
    "ItemChange",
    "add_item",
    "add_step",
    "approve_agenda",
    "approve_all_formally",
    "can_manage_agendas",
    "close_meeting",
    "compare_agendas",
    "confirm_release",
    "correct_decision",
    "create_dossier",
    "create_meeting",
    "current_draft",
    "default_release_times",
    "dossier_phase",
    "final_items",
    "move_item",
    "plan_release",
    "put_step_on_agenda",
    "record_decision",
    "release_now",
    "run_due_releases",
    "set_formal_check",
    "set_press_summary",
]
