"""Linked data by content negotiation: the same address answers HTML by default and Turtle or
JSON-LD when asked (`Accept: text/turtle`, `application/ld+json`, or `?format=ttl|jsonld`).
Shared by the portal's decisions and the register of regulations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

if TYPE_CHECKING:
    from rdflib import Graph

FORMATS = {"ttl": ("turtle", "text/turtle"), "jsonld": ("json-ld", "application/ld+json")}


def wanted_format(request) -> str | None:
    """ttl or jsonld when the request asks for linked data, else None (the HTML page)."""
    requested = request.GET.get("format", "")
    if requested in FORMATS:
        return requested
    accept = request.headers.get("Accept", "")
    if "text/turtle" in accept:
        return "ttl"
    if "application/ld+json" in accept:
        return "jsonld"
    return None


def response(graph: Graph, wanted: str):
    serializer, content_type = FORMATS[wanted]
    answer = HttpResponse(graph.serialize(format=serializer), content_type=f"{content_type}; charset=utf-8")
    patch_vary_headers(answer, ["Accept"])
    return answer


def with_alternates(request, answer):
    """The HTML page names its linked data, and caches keep the formats apart."""
    patch_vary_headers(answer, ["Accept"])
    answer["Link"] = ", ".join(
        f'<{request.path}?format={name}>; rel="alternate"; type="{content_type}"'
        for name, (_serializer, content_type) in FORMATS.items()
    )
    return answer
