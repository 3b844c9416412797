"""Absolute addresses of our own pages and API resources: one function for every link that leaves
the site whole (API objects, feeds, linked data, open-data dumps, webhook payloads).

Which address: the public address when one is configured (`CHANCERY_PUBLIC_URL`, the address
behind a proxy or load balancer that the world uses); otherwise, in a request, the address the
request came to (so a server on another port or host links to itself); outside a request (the
worker's dumps, events for webhooks), the address being served (`CHANCERY_SERVED_URL`, which
`chancery serve` sets for the web server and the worker it starts), by default
http://127.0.0.1:8000.
"""

from __future__ import annotations

from django.conf import settings


def site_base(request=None) -> str:
    """The scheme and host of the site, without a trailing slash."""
    if settings.CHANCERY_PUBLIC_URL:
        return settings.CHANCERY_PUBLIC_URL
    if request is None:
        return settings.CHANCERY_SERVED_URL
    # Worked out (and the host checked) once per request, not once per link: an API page of 50
    # objects carries 200 links.
    base = getattr(request, "_chancery_base_url", None)
    if base is None:
        base = request._chancery_base_url = request.build_absolute_uri("/").rstrip("/")
    return base


def absolute(path: str, request=None) -> str:
    """The full address of a path of this site ("/besluiten/…" → "https://…/besluiten/…")."""
    return site_base(request) + path
