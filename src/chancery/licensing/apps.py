from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    """What follows a decision on a strategic-goods application: the issued licence (number,
    validity, PDF), its use reports and renewal, the refusal letter; the general licences (EU001–
    EU008, the Flemish general transfer licences) with their registrations and reports; prior
    authorisations and certified-person certificates; the yearly public report."""

    name = "chancery.licensing"
    label = "licensing"
    verbose_name = _("Licences for strategic goods")

    def ready(self) -> None:
        from chancery.core import navigation, replicas
        from chancery.licensing import events, panels, permissions, personal_data, readers, retention, signals  # noqa: F401 - declares the app's actions
        from chancery.licensing.procedure import PRIOR_AUTHORISATION
        from chancery.licensing.services import prior
        from chancery.procedures import registry
        from chancery.procedures.panels import register_case_panel
        from chancery.procedures.signals import case_transitioned
        from chancery.strategic_goods.procedure import STRATEGIC_GOODS

        readers.register()
        replicas.serve_from_replica("licensing_public")  # the public yearly report
        from chancery.api import routes
        from chancery.licensing import api

        routes.register("licences", api.LicenceViewSet, "licence")
        # A decided step issues the licence, writes the refusal letter or records the prior
        # authorisation, inside the step's transaction.
        case_transitioned.connect(signals.on_case_transition, dispatch_uid="licensing.decision")
        # Military goods may be filed only with a prior authorisation or certificate (fdfa.be
        # node/2743): a guard this app adds to the CSG submission.
        STRATEGIC_GOODS.extend("submit", guards=(prior.PRIOR_AUTHORISATION_HELD,))
        # The application for the prior authorisation itself: a procedure of this app.
        registry.register(PRIOR_AUTHORISATION)
        register_case_panel(
            (STRATEGIC_GOODS.code, PRIOR_AUTHORISATION.code),
            "licensing/case_licence.html",
            panels.licence_context,
            order=60,
        )

        navigation.register(
            navigation.Module(
                "licensing",
                _("Licences"),
                "licensing:index",
                order=47,
                permission="licensing.handle",
                area="procedures",
            )
        )
        navigation.register(
            navigation.Module(
                "licences_counter",
                _("My licences"),
                "licensing_counter:index",
                order=47,
                permission="procedures.apply",
                area="procedures",
            )
        )
