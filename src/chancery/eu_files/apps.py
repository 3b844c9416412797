from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EuFilesConfig(AppConfig):
    """EU and multilateral files (MISSION E3) and the EU obligations tracker (issue 18, C5): the
    acts and proposals followed, the Flemish positions, Belgian coordination, Council seats."""

    name = "chancery.eu_files"
    label = "eu_files"
    verbose_name = _("EU files")

    def ready(self) -> None:
        from chancery.core import navigation
        from chancery.core.signals import domain_event
        from chancery.eu_files import events, panels, permissions, readers, signals  # noqa: F401 - declares the app's actions

        readers.register()
        # A position submitted to the Government is approved by its decision (decision-making emits
        # the event; it imports nothing of this app).
        domain_event.connect(signals.on_domain_event, dispatch_uid="eu_files.position_decided")
        navigation.register(
            navigation.Module(
                "eu_files", _("EU files"), "eu_files:index", order=62, permission="eu_files.read", area="network"
            )
        )
        navigation.register_home_panel(
            navigation.HomePanel("eu_deadlines", "eu_files/home_panel.html", panels.home_panel, order=31)
        )
