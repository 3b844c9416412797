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
        from django.db.models.signals import post_save

        from chancery.core import navigation
        from chancery.licensing import signals
        from chancery.procedures.models import CaseTransition

        # The engine writes one CaseTransition per fired step, inside the step's transaction and
        # with its reason: the hook for issuing a licence or a refusal letter without touching
        # the procedure's definition.
        post_save.connect(signals.on_case_transition, sender=CaseTransition, dispatch_uid="licensing.decision")
        from chancery.licensing import permissions, readers  # noqa: F401 - declares the app's actions

        readers.register()
        from chancery.licensing.services import prior
        from chancery.procedures.definitions import strategic_goods as csg

        # Military goods may be filed only with a prior authorisation or certificate (fdfa.be
        # node/2743): a check on the applicant's submission, through the procedure's hook.
        csg.register_decision_check(prior.prior_authorisation_required, stage="submit")
        # The application for the prior authorisation itself: a procedure of this app.
        from chancery.licensing.procedure import PRIOR_AUTHORISATION
        from chancery.procedures import registry

        registry.register(PRIOR_AUTHORISATION)

        navigation.register(
            navigation.Module("licensing", _("Licences"), "licensing:index", order=47, permission="licensing.handle")
        )
        navigation.register(
            navigation.Module(
                "licences_counter", _("My licences"), "licensing_counter:index", order=47, permission="procedures.apply"
            )
        )
