"""Bahasa Indonesia unless the user asks for English with the language switch."""


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
