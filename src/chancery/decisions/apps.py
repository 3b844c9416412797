from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "chancery.decisions"
    label = "decisions"
    verbose_name = _("Decision-making")

    def ready(self) -> None:
        from chancery.core import navigation

        navigation.register(
            navigation.Module(
                "decisions", _("Meetings"), "decisions:meeting_list", order=20, visible=navigation.internal
            )
        )
