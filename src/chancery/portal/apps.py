from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public face: what has been released, for everyone, without logging in."""

    name = "chancery.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from chancery.api import routes
        from chancery.core import navigation, replicas
        from chancery.portal import api, panels, readers

        readers.register()
        # Everything here is public and read-only: it may read from a read replica.
        replicas.serve_from_replica(
            "portal", "search", "search_feed", "open_data", "open_data_file", "identifier", "sitemap"
        )
        for prefix, viewset, basename in (
            ("meetings", api.MeetingViewSet, "meeting"),
            ("agenda-items", api.AgendaItemViewSet, "agendaitem"),
            ("decisions", api.DecisionViewSet, "decision"),
            ("dossiers", api.DossierViewSet, "dossier"),
            ("publications", api.PublicationViewSet, "publication"),
        ):
            routes.register(prefix, viewset, basename)

        navigation.register(navigation.Module("portal", _("Decisions"), "portal:decisions", order=10, area="public"))
        navigation.register(navigation.Module("search", _("Search"), "search", order=11, area="public"))
        navigation.register(navigation.Module("open_data", _("Open data"), "open_data", order=90, area="public"))

        navigation.register_home_panel(
            navigation.HomePanel("latest_decisions", "portal/home_panel.html", panels.home_panel, order=10)
        )

        from chancery.portal import signals  # noqa: F401 - connects the search index receivers
