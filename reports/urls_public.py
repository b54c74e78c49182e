"""The reports anyone may read without signing in, under /statistik/."""

from django.urls import path

from . import public_stats_views

app_name = "reports_public"

urlpatterns = [
    path("", public_stats_views.statistics, name="statistics"),
]
