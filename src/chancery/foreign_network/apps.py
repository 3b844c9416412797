from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForeignNetworkConfig(AppConfig):
    """Flanders' foreign network (memorandum §5.1, §5.2): the posts, the countries and organisations
    they cover, their staffing and costs, and the framework that compares candidate locations."""

    name = "chancery.foreign_network"
    label = "foreign_network"
    verbose_name = _("Foreign network")
