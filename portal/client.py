"""Who is asking: the client's address, read the same way everywhere (the API
throttles, django-axes, allauth's rate limits, the access logs).

X-Forwarded-For is written by whoever sends the request, so a client can put
any address in it. It is read only when the request comes from a proxy listed
in TRUSTED_PROXIES (addresses or networks), and then from the right: each
trusted proxy appended the address it saw, so the rightmost hop that is not one
of ours is the client. With no proxies configured, the address is REMOTE_ADDR.
"""

import functools
import ipaddress

from django.conf import settings


@functools.lru_cache(maxsize=8)
def _networks(configured):
    return tuple(ipaddress.ip_network(item, strict=False) for item in configured)


def trusted_networks():
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def parse_address(value):
    """An ip_address from a header's hop ("1.2.3.4", "1.2.3.4:5678", "[::1]:80"), or None."""
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # IPv4 with a port; an IPv6 address has several colons
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def is_trusted_proxy(address):
    return address is not None and any(address in network for network in trusted_networks())


def client_ip(request):
    """The client's address as a string (None when the request has none)."""
    remote = parse_address(request.META.get("REMOTE_ADDR"))
    if not is_trusted_proxy(remote):
        return str(remote) if remote is not None else None
    nearest = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = parse_address(hop)
        if address is None:
            # Not an address a proxy of ours would write: what the client sent. The
            # nearest hop we trust is then the best we know.
            break
        nearest = address
        if not is_trusted_proxy(address):
            break
    return str(nearest)


def is_local(request):
    """Whether the request comes from this machine (127.0.0.1 or ::1), by its real address."""
    address = parse_address(client_ip(request))
    return address is not None and address.is_loopback
