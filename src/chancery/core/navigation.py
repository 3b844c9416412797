"""The main navigation. Each module (Django app) registers its entries in its AppConfig.ready():

    navigation.register(navigation.Module("decisions", _("Meetings"), "decisions:meeting_list",
                                          order=20, permission="decisions.read_back_office",
                                          area="decisions"))

The shell shows the entries the current user may open, grouped by area (public face,
decision-making, policy, procedures, network, administration) so that the bar stays one short row
however many areas are added: an area of which the user sees one entry is a plain link, an area
with more opens a menu (a native <details>, no script). A user who sees one area only (the
public) gets its entries as plain links.
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
    area: str = ""  # a key of AREAS; "" for a top-level entry (home)

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    def visible_to(self, user) -> bool:
        return self.permission is None or may(user, self.permission)


AREAS = {
    "public": _("Public"),
    "decisions": _("Decision-making"),
    "policy": _("Policy"),
    "procedures": _("Procedures"),
    "network": _("Network"),
    "administration": _("Administration"),
}


@dataclass(frozen=True)
class Group:
    """What the bar shows: a plain link (one module) or an area's menu (several)."""

    key: str
    label: str
    modules: tuple[Module, ...]

    @property
    def single(self) -> Module | None:
        return self.modules[0] if len(self.modules) == 1 else None

    def holds(self, url_name: str) -> bool:
        return any(m.url_name == url_name for m in self.modules)


_registry: dict[str, Module] = {}


def register(module: Module) -> None:
    _registry[module.key] = module


def modules_for(user) -> list[Module]:
    return sorted((m for m in _registry.values() if m.visible_to(user)), key=lambda m: (m.order, m.key))


def groups_for(user, modules: list[Module] | None = None) -> list[Group]:
    """The bar for this user: top-level entries and areas in order of their first entry."""
    modules = modules_for(user) if modules is None else modules
    areas = {m.area for m in modules if m.area}
    if len(areas) <= 1:  # one area (the public's): no menus to open
        return [Group(m.key, m.label, (m,)) for m in modules]
    groups: list[Group] = []
    for module in modules:
        if not module.area:
            groups.append(Group(module.key, module.label, (module,)))
        elif not any(g.key == module.area for g in groups):
            members = tuple(m for m in modules if m.area == module.area)
            label = members[0].label if len(members) == 1 else AREAS[module.area]
            groups.append(Group(module.area, label, members))
    return groups


def register_core_modules() -> None:
    register(Module("home", _("Home"), "home", order=0))
    register(Module("documents", _("Documents"), "document_list", 60, "core.use_back_office", area="decisions"))
    register(Module("signatures", _("Signatures"), "signing_inbox", 65, "core.sign", area="decisions"))
    register(Module("organisation", _("Organisation"), "organisation", order=80, area="public"))
    register(Module("admin", _("Administration"), "admin:index", 99, "core.administer", area="administration"))


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
