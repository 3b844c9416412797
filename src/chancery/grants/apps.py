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
        from chancery.grants import api, events, panels, permissions, personal_data, readers  # noqa: F401 - declarations
        from chancery.grants.procedure import GRANT_APPLICATION, HUMAN_RIGHTS_PRIZE
        from chancery.procedures import registry
        from chancery.procedures.panels import register_case_panel

        readers.register()
        registry.register(GRANT_APPLICATION)
        registry.register(HUMAN_RIGHTS_PRIZE)
        register_case_panel(GRANT_APPLICATION.code, "grants/case_panel.html", panels.application_context, order=40)
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
        navigation.register(
            navigation.Module(
                "grants", _("Grant programmes"), "grants:index", order=49, permission="grants.handle",
                area="procedures",
            )
        )  # fmt: skip
        navigation.register(navigation.Module("calls", _("Calls for proposals"), "grants_public:calls", order=18,
                                              area="public"))  # fmt: skip
