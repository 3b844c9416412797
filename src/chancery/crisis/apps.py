from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrisisConfig(AppConfig):
    """The crisis register (memorandum §3.4, MISSION F1): crises, incidents and exercises with their
    logbook, tasks, contacts, situation reports and lessons; business-continuity plans per unit."""

    name = "chancery.crisis"
    label = "crisis"
    verbose_name = _("Crisis register")

    def ready(self) -> None:
        from chancery.core import database_roles, navigation
        from chancery.crisis import panels, permissions, readers  # noqa: F401 - declares the app's actions

        readers.register()
        database_roles.register_append_only("crisis_logentry")
        navigation.register(
            navigation.Module(
                "crisis",
                _("Crisis register"),
                "crisis:crises",
                order=70,
                permission="crisis.view_register",
                area="policy",
            )  # fmt: skip
        )
        navigation.register(
            navigation.Module(
                "continuity",
                _("Continuity plans"),
                "crisis:plans",
                order=71,
                permission="crisis.view_continuity",
                area="policy",
            )  # fmt: skip
        )
        navigation.register_home_panel(
            navigation.HomePanel("crisis", "crisis/home_panel.html", panels.home_panel, order=20)
        )
