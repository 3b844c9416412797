from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    """Grant programmes of foreign policy (MISSION D4/D5): programmes with yearly envelopes that
    cannot be overspent, calls for proposals with their criteria, grant applications on the
    procedure engine (SUB: admissibility, reviews with conflict declarations and scores per
    criterion, ranking, the award that commits the envelope), the public calls at /oproepen/, the
    granted grants in the API and open data, and the nominations for the human rights prize (MRP)."""

    name = "chancery.grants"
    label = "grants"
    verbose_name = _("Grant programmes")

    def ready(self) -> None:
        from chancery.api import routes
        from chancery.core import navigation, opendata
        from chancery.grants import api, events, panels, permissions, personal_data, readers, retention  # noqa: F401 - declarations
        from chancery.grants.procedure import GRANT_APPLICATION, HUMAN_RIGHTS_PRIZE
        from chancery.procedures import registry
        from chancery.procedures.panels import register_case_panel

        readers.register()
        registry.register(GRANT_APPLICATION)
        registry.register(HUMAN_RIGHTS_PRIZE)
        register_case_panel(GRANT_APPLICATION.code, "grants/case_panel.html", panels.application_context, order=40)
        # Payments in tranches, reports and recovery (issue 15, capabilities 5 and 6).
        from chancery.grants.services.reports import fill_recovery_reason
        from chancery.procedures.signals import case_transitioned

        register_case_panel(GRANT_APPLICATION.code, "grants/payments_panel.html", panels.payments_context, order=41)
        case_transitioned.connect(fill_recovery_reason, dispatch_uid="grants_recovery_reason")
        routes.register("grants", api.GrantViewSet, "grant")
        routes.register("calls", api.CallViewSet, "call")
        opendata.register(
            opendata.Dataset(
                "subsidies", "Toegekende subsidies",
                "Per programma en jaar de toegekende subsidies: begunstigde, land, bedrag, doel en datum van de "
                "beslissing; een beschermde begunstigde als “beschermde begunstigde”, zonder naam of land.",
                "grants_open_data", "csv",
            )
        )  # fmt: skip
        # The envelopes are the budget of the monitoring initiative a programme carries out.
        from chancery.core import budgets
        from chancery.grants.services import monitoring

        budgets.register("grants", monitoring.envelope_figures)
        navigation.register(
            navigation.Module(
                "grants", _("Grant programmes"), "grants:index", order=49, permission="grants.handle",
                area="procedures",
            )
        )  # fmt: skip
        # --- the human rights prize (grants.prize) ---
        from chancery.grants.prize import panels as prize_panels

        register_case_panel(HUMAN_RIGHTS_PRIZE.code, "grants/prize/case_panel.html", prize_panels.nomination_context,
                            order=40)  # fmt: skip
        navigation.register(
            navigation.Module(
                "prize", _("Human rights prize"), "prize:index", order=50, permission="grants.handle",
                area="procedures",
            )
        )  # fmt: skip
        navigation.register(navigation.Module("prize_public", _("Human rights prize"), "prize_public:index", order=19,
                                              area="public"))  # fmt: skip
        navigation.register(navigation.Module("calls", _("Calls for proposals"), "grants_public:calls", order=18,
                                              area="public"))  # fmt: skip

        # The decision by the Government and the humanitarian fast track (issue 15, §4 and §7).
        from chancery.core.signals import domain_event
        from chancery.decisions.services import register_decision_check
        from chancery.grants import fast_track, signals
        from chancery.grants.services import government
        from chancery.procedures.signals import case_transitioned

        registry.register(fast_track.FAST_TRACK)
        register_case_panel(GRANT_APPLICATION.code, "grants/government_panel.html", panels.government_context, order=41)
        register_case_panel(fast_track.CODE, "grants/fast_track_panel.html", panels.fast_track_context, order=40)
        register_decision_check(government.decision_check)
        domain_event.connect(signals.on_domain_event, dispatch_uid="grants.government_decision")
        case_transitioned.connect(signals.on_case_transitioned, dispatch_uid="grants.decision_letters")
