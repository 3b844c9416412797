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
        from chancery.procedures import registry
        from chancery.procedures.panels import register_case_panel, register_inbox_flag
        from chancery.strategic_goods import panels, permissions, readers, retention  # noqa: F401 - declares the app's actions
        from chancery.strategic_goods.procedure import STRATEGIC_GOODS

        readers.register()
        from chancery.api import routes
        from chancery.strategic_goods import api

        routes.register("control-list", api.ControlListViewSet, "controllistentry")
        # The licence procedure CSG is this app's: its application, screening, assessment, denials.
        registry.register(STRATEGIC_GOODS)
        register_case_panel(
            STRATEGIC_GOODS.code, "strategic_goods/case_panel.html", panels.application_context, order=40
        )
        register_inbox_flag(
            STRATEGIC_GOODS.code,
            panels.earlier_denials,
            _("earlier denial"),
            _("Earlier denial of an essentially identical transaction"),
        )
        navigation.register(
            navigation.Module(
                "strategic_goods",
                _("Strategic goods"),
                "strategic_goods:index",
                order=45,
                permission="strategic_goods.use",
                area="procedures",
            )
        )
