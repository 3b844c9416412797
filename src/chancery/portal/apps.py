from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public face: what has been released, for everyone, without logging in."""

    name = "chancery.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from chancery.core import navigation

        navigation.register(navigation.Module("portal", _("Decisions"), "portal:decisions", order=10))
        navigation.register(navigation.Module("search", _("Search"), "search", order=11))
        navigation.register(navigation.Module("open_data", _("Open data"), "open_data", order=90))

        from chancery.portal import signals  # noqa: F401 - connects the search index receivers
