"""The project's URLs and a reporter page that fails, for the server error page."""

from django.urls import path

from config.urls import *  # noqa: F403 - the project's handlers too
from config.urls import urlpatterns as project_urlpatterns


def failing(request):
    raise RuntimeError("a reporter page that fails")


urlpatterns = [path("wbs/rusak/", failing), *project_urlpatterns]
