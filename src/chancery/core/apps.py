from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "chancery.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from chancery.core import navigation, permissions, personal_data, readers, retention  # noqa: F401 - declares core's actions

        readers.register()
        navigation.register_core_modules()
