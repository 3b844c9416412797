from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegulationConfig(AppConfig):
    """Regulation quality (MISSION C1–C2): the register of regulations with their versions, ELIs,
    dossiers and the EU acts they transpose (with the gold-plating assessment), and the regulatory
    burden instrument (Standard Cost Model) with its ex-ante calculations on draft regulations."""

    name = "chancery.regulation"
    label = "regulation"
    verbose_name = _("Regulation")
