from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisasterFundConfig(AppConfig):
    """The Flemish disaster fund (Vlaams Rampenfonds, decree of 5 April 2019): damage reports,
    the recognition of a disaster (a Government decision through the decision-making module),
    claims on the procedure engine (RF), the compensation computed line by line by the rules in
    configuration (rules.py), the anomaly register and open statistics."""

    name = "chancery.disaster_fund"
    label = "disaster_fund"
    verbose_name = _("Disaster fund")

    def ready(self) -> None:
        from chancery.core import navigation
        from chancery.disaster_fund import events, panels, permissions, personal_data, readers, retention, signals  # noqa: F401 - declarations
        from chancery.disaster_fund.procedure import DISASTER_CLAIM
        from chancery.procedures import registry
        from chancery.procedures.panels import register_case_panel

        readers.register()
        registry.register(DISASTER_CLAIM)
        register_case_panel(DISASTER_CLAIM.code, "disaster_fund/case_panel.html", panels.claim_context, order=40)
        navigation.register(
            navigation.Module(
                "disaster_fund",
                _("Disaster fund"),
                "disaster_fund:index",
                order=47,
                permission="disaster_fund.handle",
                area="procedures",
            )
        )
        navigation.register(
            navigation.Module(
                "disaster_fund_counter",
                _("Report disaster damage"),
                "disaster_fund_counter:report",
                order=48,
                permission="disaster_fund.report_damage",
                area="procedures",
            )
        )
