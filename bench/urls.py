"""SIGAP's URLs plus /bench/bare/: the baseline of bench/pengaduan_submit.py.

The bare view is what the cheapest possible Django form handler does: a CSRF-protected
POST that inserts one row with one statement in a transaction and redirects. It runs
through the same middleware stack as the complaint form.
"""

from django.db import connection, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import path

from config.urls import urlpatterns as sigap_urlpatterns

TABLE = "bench_bare_row"


def bare(request):
    if request.method == "POST":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (title, body) VALUES (%s, %s)",  # noqa: S608 - constant table name
                [request.POST.get("title", ""), request.POST.get("isi", "")],
            )
        return HttpResponseRedirect("/bench/bare/")
    token = get_token(request)
    return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{token}"></form>')


urlpatterns = [*sigap_urlpatterns, path("bench/bare/", bare)]
