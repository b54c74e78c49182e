"""Bahasa Indonesia unless the user asks for English with the language switch; a page
for "405 Method Not Allowed"."""

from django.shortcuts import render


class IndonesianUnlessChosenMiddleware:
    """Hide the browser's Accept-Language from LocaleMiddleware.

    A civil servant whose phone is set to English still gets the Indonesian interface the
    regulations and forms use; English comes only from the switch (session/cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class MethodNotAllowedPageMiddleware:
    """Give a "405 Method Not Allowed" a page like the other errors.

    Django answers a GET to an address that only takes form posts (require_POST) with an
    empty body, which a browser shows as a blank error. People reach such addresses by
    reloading or bookmarking a page that was shown after a refused form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        # Its language switch must not lead back to this address.
        page = render(request, "405.html", {"return_home": True}, status=405)
        # Whatever the view's decorators said (Allow, no-store, ...) still holds.
        for header, value in response.items():
            if header.lower() not in {"content-type", "content-length"}:
                page[header] = value
        page.cookies = response.cookies
        return page
