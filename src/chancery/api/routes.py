"""The API's collections, registered by the apps that own them (in their AppConfig.ready()):

    routes.register("meetings", MeetingViewSet, "meeting")

`api/urls.py` (the one aggregator URLconf) routes them all under /api/v1/ and the root lists
them; the API kit itself imports no domain app."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    prefix: str
    viewset: type
    basename: str


_routes: dict[str, Route] = {}


def register(prefix: str, viewset: type, basename: str) -> None:
    existing = _routes.get(prefix)
    if existing is not None and existing.viewset is not viewset:
        raise ValueError(f"The API route {prefix!r} is registered twice.")
    _routes[prefix] = Route(prefix, viewset, basename)


def routes() -> list[Route]:
    return list(_routes.values())
