from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisasterFundConfig(AppConfig):
    """The Flemish disaster fund (Vlaams Rampenfonds, decree of 5 April 2019): damage reports,
    the recognition of a disaster (a Government decision), claims on the procedure engine (RF),
    the compensation computed line by line by the rules in configuration, the anomaly register
    and open statistics."""

    name = "chancery.disaster_fund"
    label = "disaster_fund"
    verbose_name = _("Disaster fund")
