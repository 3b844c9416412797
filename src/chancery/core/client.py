"""The address a request comes from, the one rule every limit keys on (the API's rate limits, the
login lockout of django-axes).

`X-Forwarded-For` is a header anyone can send: it is believed only when the connection itself comes
from a proxy the operator declared (`CHANCERY_TRUSTED_PROXIES`, a list of CIDRs; none by default).
Then the header is read from the right, the end our own proxies wrote, past every trusted proxy: the
first address that is not one is the client. Whatever a client put further left is never read, so a
made-up header neither hides an address nor gives it a fresh limit.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip().split("%")[0])
    except ValueError:
        return None


def trusted_proxy(address) -> bool:
    networks = _networks(tuple(settings.CHANCERY_TRUSTED_PROXIES))
    if address is None or not networks:
        return False
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address.version == network.version and address in network for network in networks)


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, unless that is a trusted proxy (then see above)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hop = _address(remote)
    if not trusted_proxy(hop):
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    client = str(hop)
    for part in reversed(forwarded):
        address = _address(part)
        if address is None:
            break  # not an address: the trusted hop that passed it on is as far as we can tell
        client = str(address)
        if not trusted_proxy(address):
            break
    return client


class ForwardedProtoMiddleware:
    """`X-Forwarded-Proto` is believed only from a trusted proxy, like `X-Forwarded-For` above.

    Django's `SECURE_PROXY_SSL_HEADER` (set in production) believes the header from anyone: a
    client talking plain HTTP to a web process that is reachable without the proxy could say
    `https` and be treated as on a secure connection (no redirect to HTTPS, secure cookies sent
    back over plain HTTP). First in the chain, the header is removed from a request whose
    connection does not come from a proxy in `CHANCERY_TRUSTED_PROXIES`, so `request.is_secure()`
    is true only for what the proxy itself terminated with TLS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "HTTP_X_FORWARDED_PROTO" in request.META and not trusted_proxy(
            _address(request.META.get("REMOTE_ADDR", "") or "")
        ):
            del request.META["HTTP_X_FORWARDED_PROTO"]
        return self.get_response(request)
