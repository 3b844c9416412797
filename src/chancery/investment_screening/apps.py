from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentScreeningConfig(AppConfig):
    """The screening of foreign direct investments with a Flemish link (MISSION D3, the interfederal
    cooperation agreement of 30 November 2022): the threshold check (`rules.py`,
    `services/thresholds.py`, `chancery fdi-check`), the notification and its procedure `FDI` on
    the engine (completeness, verification, screening, the Flemish assessment and advice, outcomes,
    ex officio review), and the yearly statistics."""

    name = "chancery.investment_screening"
    label = "investment_screening"
    verbose_name = _("Screening of foreign direct investments")

    def ready(self) -> None:
        from chancery.api import routes
        from chancery.core import navigation
        from chancery.investment_screening import api, panels, permissions, readers, retention  # noqa: F401 - declares the app's actions
        from chancery.investment_screening.procedure import FDI_SCREENING
        from chancery.procedures import registry
        from chancery.procedures.panels import register_case_panel

        readers.register()
        registry.register(FDI_SCREENING)
        routes.register("fdi-notifications", api.NotificationViewSet, "fdinotification")
        register_case_panel(
            FDI_SCREENING.code, "investment_screening/case_panel.html", panels.notification_context, order=40
        )
        navigation.register(
            navigation.Module(
                "investment_screening",
                _("Investment screening"),
                "investment_screening:index",
                order=48,
                permission="investment_screening.handle",
                area="procedures",
            )
        )
