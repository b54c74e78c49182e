"""The reports anyone may read without signing in, under /statistik/."""

from django.urls import include, path  # noqa: F401

app_name = "reports_public"

urlpatterns: list = []
