"""The Content-Security-Policy header (django-csp).

The portal's own pages get the strict policy of settings.CONTENT_SECURITY_POLICY:
no inline script or style, nothing from other hosts. Wagtail's admin, Django's
admin and the API's Swagger page run inline scripts and styles of their own
that we do not control, so paths under CSP_LOOSE_PREFIXES get
CONTENT_SECURITY_POLICY_LOOSE instead: still same-origin only, but inline code
allowed. Both are sent by the one middleware so that no page goes without.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(
            tuple(settings.CSP_LOOSE_PREFIXES)
        ):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_LOOSE["DIRECTIVES"])
        return parts
