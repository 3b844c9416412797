from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForeignNetworkConfig(AppConfig):
    """Flanders' foreign network (memorandum §5.1, §5.2): the posts, the countries and organisations
    they cover, their staffing and costs, and the framework that compares candidate locations."""

    name = "chancery.foreign_network"
    label = "foreign_network"
    verbose_name = _("Foreign network")

    def ready(self) -> None:
        from chancery.api import routes
        from chancery.core import navigation
        from chancery.foreign_network import api, panels, permissions, readers  # noqa: F401 - declares the app's actions

        readers.register()
        routes.register("posts", api.PostViewSet, "post")
        navigation.register(
            navigation.Module(
                "foreign_network",
                _("Diplomatic network"),
                "foreign_network:posts",
                order=60,
                permission="foreign_network.view_network",
                area="network",
            )  # fmt: skip
        )
        navigation.register(
            navigation.Module(
                "location_framework",
                _("Location framework"),
                "foreign_network:assessments",
                order=61,
                permission="foreign_network.view_assessments",
                area="network",
            )  # fmt: skip
        )
        navigation.register_home_panel(
            navigation.HomePanel("posts_below_minimum", "foreign_network/home_panel.html", panels.home_panel, order=30)
        )
