"""The page of a server error (config.urls.handler500).

Django's own view renders 500.html without the request, so the page could not carry the
nonce the Content-Security-Policy asks of its inline style. This one gives the template
the nonce and nothing else: no context processor, no static file, nothing that might
fail again while the server is failing.
"""

from django.http import HttpResponseServerError
from django.middleware.csp import get_nonce
from django.template import loader
from django.utils.csp import CONTEXT_KEY
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request):
    body = loader.get_template("500.html").render({CONTEXT_KEY: get_nonce(request)})
    return HttpResponseServerError(body)
