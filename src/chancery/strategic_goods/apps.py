from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategicGoodsConfig(AppConfig):
    """Reference data and screening services for strategic goods (export control): the control
    lists (EU dual-use Annex I, EU Common Military List), the EU consolidated sanctions list, the
    EU arms embargoes, and the review of screening hits (services with plain codes, parties and
    a subject key); and, for the licence procedure CSG, the application (goods lines, parties,
    countries), its assessment against the eight criteria and the denial notifications, wired into
    the procedure through its hooks."""

    name = "chancery.strategic_goods"
    label = "strategic_goods"
    verbose_name = _("Strategic goods")

    def ready(self) -> None:
        from chancery.core import navigation
        from chancery.procedures.definitions import strategic_goods as csg
        from chancery.strategic_goods import permissions, readers  # noqa: F401 - declares the app's actions

        readers.register()
        from chancery.strategic_goods.services import applications, assessment, denials

        # The licence procedure CSG: its application data, screening, assessment and denials.
        csg.register_entry_hook("submitted", applications.on_submitted)
        csg.register_entry_hook("declared_complete", applications.on_declared_complete)
        csg.register_entry_hook("refused", denials.on_refused)
        csg.register_decision_check(applications.fits_together, stage="submit")
        csg.register_completeness_check(applications.application_recorded)
        csg.register_completeness_check(applications.hits_reviewed)
        csg.register_decision_check(applications.hits_reviewed)
        csg.register_decision_check(assessment.all_criteria_assessed)
        csg.register_decision_check(assessment.grant_allowed, stage="grant")

        navigation.register(
            navigation.Module(
                "strategic_goods",
                _("Strategic goods"),
                "strategic_goods:index",
                order=45,
                permission="strategic_goods.use",
            )
        )
