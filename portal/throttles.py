"""The API's throttles, counting per client address as portal.client reads it:
ninja's own trust X-Forwarded-For from anyone, so a rotating header passed them all."""

from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from .client import client_ip


class ClientAddress:
    def get_ident(self, request):
        return client_ip(request)


class AnonThrottle(ClientAddress, AnonRateThrottle):
    pass


class AuthThrottle(ClientAddress, AuthRateThrottle):
    pass
