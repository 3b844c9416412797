from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    """Policy programmes and their monitoring: ambitions, programmes, projects, budgets, milestones,
    indicators and their status, for the board and (what is public and released) for everyone."""

    name = "chancery.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from chancery.core import navigation, replicas
        from chancery.monitoring import permissions, readers  # noqa: F401 - declares the app's actions

        readers.register()
        replicas.serve_from_replica("progress")  # the public progress pages (/voortgang/)
        from chancery.api import routes
        from chancery.monitoring import api

        routes.register("ambitions", api.AmbitionViewSet, "ambition")
        routes.register("programmes", api.ProgrammeViewSet, "programme")
        routes.register("indicators", api.IndicatorViewSet, "indicator")

        navigation.register(navigation.Module("progress", _("Progress"), "progress:index", order=15, area="public"))
        navigation.register(
            navigation.Module(
                "monitoring",
                _("Monitoring"),
                "monitoring:dashboard",
                order=40,
                permission="monitoring.view_dashboard",
                area="policy",
            )
        )
