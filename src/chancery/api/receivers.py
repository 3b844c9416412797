"""Where a webhook may be sent: one rule, asked when a subscription is made or changed and again at
every delivery (a host name that resolved to a public address yesterday may resolve to our own
network today: DNS rebinding).

The delivery connects to the very address that was checked (the host name only goes into the Host
header and the TLS server name), so a second lookup between the check and the connection cannot
swap it; and it never follows a redirect, which would be a request to an address nobody checked.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class ReceiverRefused(ValueError):
    """The receiver's address is not one we send to (the message says why, in the reader's language)."""


@dataclass(frozen=True)
class Receiver:
    scheme: str
    host: str  # as the subscriber wrote it: the Host header and the TLS server name
    port: int
    address: str  # the checked IP address the delivery connects to
    path: str  # path and query


def allowed(address: str) -> bool:
    """May we send to this IP address? Never to multicast, unspecified or reserved ranges (nobody
    receives a webhook there); to loopback, private, link-local (cloud metadata at 169.254.169.254)
    and shared ranges only when the settings allow private hosts (a receiver on this machine in
    development); to every public address."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.5 is 10.0.0.5
    if ip.is_multicast or ip.is_unspecified:
        return False
    if ip.is_loopback:  # before `reserved`: ::1 lies in IPv6's reserved ::/8
        return settings.CHANCERY_WEBHOOK_ALLOW_PRIVATE_HOSTS
    if ip.is_reserved:  # 240.0.0.0/4, broadcast, IPv6's unassigned blocks (NAT64 too)
        return False
    if ip.is_global:
        return True
    return settings.CHANCERY_WEBHOOK_ALLOW_PRIVATE_HOSTS


def resolve(url: str) -> Receiver:
    """The receiver of `url`, with the address to connect to; every address the name resolves to
    must be allowed (an attacker's name may answer with one public and one internal address)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ReceiverRefused(_("Give an http or https address."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise ReceiverRefused(_("Give an http or https address.")) from None
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise ReceiverRefused(_("This host name cannot be resolved.")) from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise ReceiverRefused(_("This host name cannot be resolved."))
    if not all(allowed(address) for address in addresses):
        raise ReceiverRefused(_("Webhooks can only go to public internet addresses."))
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Receiver(parts.scheme, parts.hostname, port, addresses[0].split("%")[0], path)
