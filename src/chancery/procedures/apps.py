from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    """The generic procedure engine: files (zaken) going through declared procedures, with their
    handlers' inbox and the applicants' counter."""

    name = "chancery.procedures"
    label = "procedures"
    verbose_name = _("Procedures")

    def ready(self) -> None:
        from chancery.core import navigation
        from chancery.procedures import events, panels, permissions, personal_data, readers, registry  # noqa: F401 - declares the app's actions

        readers.register()
        from chancery.api import routes
        from chancery.procedures import api

        routes.register("cases", api.CaseViewSet, "case")
        navigation.register(
            navigation.Module(
                "cases",
                _("Cases"),
                "procedures:inbox",
                order=45,
                permission="procedures.handle_cases",
                area="procedures",
            )
        )
        navigation.register(
            navigation.Module(
                "counter", _("My cases"), "counter:index", order=46, permission="procedures.apply", area="procedures"
            )
        )
        navigation.register_home_panel(
            navigation.HomePanel("cases", "procedures/home_panel.html", panels.home_panel, order=20)
        )
