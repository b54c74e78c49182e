"""The client's address: the one place every limit, lockout and audit entry asks.

Behind reverse proxies, REMOTE_ADDR is the nearest proxy's address, and every client
would share one rate-limit bucket, one lockout and one audit label. Each proxy appends
the address it received the request from to X-Forwarded-For, so with PROXY_COUNT proxies
in front, the client is the entry PROXY_COUNT places from the right. Entries further
left were written by the client itself and are never believed.

The header is read only when the request really came through a proxy: when
PROXY_COUNT is 0, or when REMOTE_ADDR is not one of SIGAP_PROXY_ADDRESSES (a client
that reached the application directly, past the proxy), a forwarded header is ignored
and the client is counted by its own connection. A forwarded entry that is not an IP
address is ignored the same way.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from functools import lru_cache

from django.conf import settings

ANY_PROXY = "*"


def client_address(request) -> str:
    """The address of the client that sent `request` ("" when there is none, as on the
    WBS reporter pages, which lose it before anything else sees the request)."""
    return address_from_meta(request.META)


def address_from_meta(meta: Mapping) -> str:
    """client_address() for a request's META mapping."""
    remote = str(meta.get("REMOTE_ADDR") or "")
    hops = int(getattr(settings, "SIGAP_PROXY_COUNT", 0) or 0)
    if hops <= 0 or not _is_proxy(remote):
        return remote
    chain = [part.strip() for part in str(meta.get("HTTP_X_FORWARDED_FOR") or "").split(",")]
    chain = [part for part in chain if part]
    if len(chain) < hops:
        # A proxy that forwarded no header (misconfigured): count its address rather
        # than trust anything else the request says.
        return remote
    return _normalised(chain[-hops]) or remote


def _is_proxy(address: str) -> bool:
    networks = _proxy_networks(tuple(getattr(settings, "SIGAP_PROXY_ADDRESSES", ()) or ()))
    if networks is None:
        return True
    ip = _ip(address)
    return ip is not None and any(ip in network for network in networks)


@lru_cache(maxsize=8)
def _proxy_networks(spec: tuple[str, ...]):
    """The networks proxies connect from; None when any connection counts as a proxy."""
    if ANY_PROXY in spec:
        return None
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in spec if entry.strip())


def _ip(text: str):
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "192.0.2.1:443"
        text = text.split(":", 1)[0]
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket is the same client.
    return getattr(ip, "ipv4_mapped", None) or ip


def _normalised(text: str) -> str:
    ip = _ip(text)
    return str(ip) if ip is not None else ""


def validate_proxy_addresses(entries) -> None:
    """Raise ValueError for an entry of SIGAP_PROXY_ADDRESSES that is not an address or
    network (settings call this at start-up, so a typo does not silently trust nobody)."""
    for entry in entries:
        if entry.strip() and entry.strip() != ANY_PROXY:
            ipaddress.ip_network(entry.strip(), strict=False)
