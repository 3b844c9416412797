"""The main navigation. Each module (Django app) registers its entry in its AppConfig.ready():

    navigation.register(navigation.Module("decisions", _("Decisions"), "decisions:index", order=20))

The shell shows the entries the current user may open, in `order`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chancery.core.authz import may


@dataclass(frozen=True)
class Module:
    """An entry of the navigation: shown to whoever may `permission` (an action of core.authz;
    None: everyone)."""

    key: str
    label: str
    url_name: str
    order: int = 50
    permission: str | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    def visible_to(self, user) -> bool:
        return self.permission is None or may(user, self.permission)


_registry: dict[str, Module] = {}


def register(module: Module) -> None:
    _registry[module.key] = module


def modules_for(user) -> list[Module]:
    return sorted((m for m in _registry.values() if m.visible_to(user)), key=lambda m: (m.order, m.key))


def register_core_modules() -> None:
    register(Module("home", _("Home"), "home", order=0))
    register(Module("documents", _("Documents"), "document_list", order=60, permission="core.use_back_office"))
    register(Module("signatures", _("Signatures"), "signing_inbox", order=65, permission="core.sign"))
    register(Module("organisation", _("Organisation"), "organisation", order=80))
    register(Module("admin", _("Administration"), "admin:index", order=99, permission="core.administer"))


@dataclass(frozen=True)
class HomePanel:
    """A block a module puts on the home page: its template and a function giving its context."""

    key: str
    template: str
    context: Callable
    order: int = 50


_panels: dict[str, HomePanel] = {}


def register_home_panel(panel: HomePanel) -> None:
    _panels[panel.key] = panel


def home_panels(request) -> list[tuple[str, dict]]:
    panels = sorted(_panels.values(), key=lambda p: (p.order, p.key))
    return [(panel.template, panel.context(request)) for panel in panels]
