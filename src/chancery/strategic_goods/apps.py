from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategicGoodsConfig(AppConfig):
    """Reference data and screening services for strategic goods (export control): the control
    lists (EU dual-use Annex I, EU Common Military List), the EU consolidated sanctions list, the
    EU arms embargoes, and the review of screening hits. Independent of any case model: the
    licence procedure calls these services with plain codes, parties and a subject key."""

    name = "chancery.strategic_goods"
    label = "strategic_goods"
    verbose_name = _("Strategic goods")

    def ready(self) -> None:
        from chancery.core import navigation

        navigation.register(
            navigation.Module(
                "strategic_goods", _("Strategic goods"), "strategic_goods:index", order=45, visible=navigation.internal
            )
        )
