"""What a SIGAP page may do in the browser: the Content-Security-Policy and the
Permissions-Policy of every HTML response.

The Content-Security-Policy is Django's (settings.SECURE_CSP, with a fresh nonce per
response): a page runs only the scripts and applies only the style sheets that carry the
nonce, so script injected into a page does not run, and it loads nothing from elsewhere.
Every <script> and <link rel="stylesheet"> of a template therefore carries
`{% csp_nonce_attr %}`; inline style attributes and event handlers are not allowed at all
(they take no nonce), so styles live in the style sheets and behaviour in script files.

The Permissions-Policy (settings.SIGAP_PERMISSIONS_POLICY) turns off the browser
features no page uses (camera, microphone, position, ...), for the page and anything
it might embed.

Only HTML gets them: a file shown in the browser (a photo, a PDF in the browser's own
viewer, which such a policy can stop from opening) runs no script of SIGAP's.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware


def permissions_policy() -> str:
    """The header's value: every feature of the setting allowed to no origin at all."""
    return ", ".join(f"{feature}=()" for feature in settings.SIGAP_PERMISSIONS_POLICY)


def is_html(response) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip().lower() == "text/html"


class PageSecurityHeadersMiddleware(ContentSecurityPolicyMiddleware):
    """Django's CSP middleware (the nonce of each request, the header of the settings or
    of a view's override), for HTML responses, and the Permissions-Policy beside it."""

    def process_response(self, request, response):
        if not is_html(response):
            return response
        response = super().process_response(request, response)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy()
        return response
