from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the platform: backup and restore, health and metrics. Above the domain apps, since
    a restore rebuilds their derived data (the search index, the open-data files)."""

    name = "chancery.operations"
    label = "operations"
    verbose_name = _("Operations")
