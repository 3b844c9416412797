from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentScreeningConfig(AppConfig):
    """The screening of foreign direct investments with a Flemish link (MISSION D3, the interfederal
    cooperation agreement of 30 November 2022): the threshold check (`rules.py`,
    `services/thresholds.py`, `chancery fdi-check`), the notification and its procedure `FDI` on
    the engine, and the yearly statistics."""

    name = "chancery.investment_screening"
    label = "investment_screening"
    verbose_name = _("Screening of foreign direct investments")
