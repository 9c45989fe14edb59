"""The client's IP address, also behind the documented reverse proxy.

Behind nginx every request comes from the proxy's address, so throttling by ``REMOTE_ADDR`` would
put every client in one bucket (five wrong passwords would lock a user out for everyone). When
``BILIM_BEHIND_PROXY`` is on and the request really comes from a trusted proxy
(``BILIM_TRUSTED_PROXIES``, addresses or CIDR networks), the client's address is the entry that the
outermost trusted proxy appended to ``X-Forwarded-For``: the ``BILIM_PROXY_COUNT``-th from the right
(nginx: ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``). Entries further left were
written by the client and are never believed; neither is the header of a direct client.

Why not django-ipware (which django-axes can use): it does not check that ``REMOTE_ADDR`` is a
trusted proxy, axes calls it in strict mode, where a client that sends its own ``X-Forwarded-For``
falls back to the proxy's shared address, and it prefers a public address over a private one, which
would merge every campus-LAN client behind a public proxy. The rule here is short and exact.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[IpNetwork, ...]:
    return tuple(ipaddress.ip_network(e.strip(), strict=False) for e in entries if e.strip())


def _parse(value: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def from_trusted_proxy(request: HttpRequest) -> bool:
    """Did this request reach Django through a trusted reverse proxy (and is one configured)?"""
    if not getattr(settings, "BILIM_BEHIND_PROXY", False):
        return False
    remote = _parse(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return False
    return any(remote in net for net in _networks(tuple(getattr(settings, "BILIM_TRUSTED_PROXIES", ()))))


def client_ip(request: HttpRequest) -> str | None:
    """The client's address (``AXES_CLIENT_IP_CALLABLE``; also used by the password-reset throttle)."""
    remote = request.META.get("REMOTE_ADDR") or None
    if not from_trusted_proxy(request):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    count = max(int(getattr(settings, "BILIM_PROXY_COUNT", 1)), 1)
    if len(hops) < count:
        return remote
    client = _parse(hops[-count])
    return str(client) if client is not None else remote
