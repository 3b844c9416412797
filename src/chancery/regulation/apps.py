from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegulationConfig(AppConfig):
    """Regulation quality (MISSION C1–C2): the register of regulations with their versions, ELIs,
    dossiers and the EU acts they transpose (with the gold-plating assessment), and the regulatory
    burden instrument (Standard Cost Model) with its ex-ante calculations on draft regulations."""

    name = "chancery.regulation"
    label = "regulation"
    verbose_name = _("Regulation quality")

    def ready(self) -> None:
        from chancery.api import routes
        from chancery.core import navigation
        from chancery.core.signals import domain_event
        from chancery.decisions.services import register_decision_check
        from chancery.decisions.signals import publication_date_set
        from chancery.regulation import api, events, permissions, personal_data, readers, signals  # noqa: F401 - declares the app's actions
        from chancery.regulation.services import register

        readers.register()
        routes.register("regulations", api.RegulationViewSet, "regulation")
        # A draft regulation's final approval needs its ex-ante burden calculation (decision-making
        # asks this app's check without importing it) and enters it in the register.
        register_decision_check(register.ex_ante_required)
        domain_event.connect(signals.on_domain_event, dispatch_uid="regulation.final_approval")
        publication_date_set.connect(signals.on_publication_date_set, dispatch_uid="regulation.publication")

        navigation.register(
            navigation.Module("regulations", _("Regulations"), "regulation:index", order=17, area="public")
        )
        navigation.register(
            navigation.Module(
                "regulation_office",
                _("Regulation quality"),
                "regulation_office:index",
                order=42,
                permission="regulation.read_back_office",
                area="policy",
            )
        )
