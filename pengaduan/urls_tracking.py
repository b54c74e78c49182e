"""What the complainant does on the tracking page, and the public monthly follow-up page.

The reporter's endpoints take no case number: the case is the one of the browser's
tracking session (casework.views_public.reporter_view).
"""

from django.urls import path

from . import views_tracking

urlpatterns = [
    path("lacak/jawab/", views_tracking.reply, name="track_reply"),
    path("lacak/nilai/", views_tracking.rate, name="track_rate"),
    path("lacak/tetap-pengaduan/", views_tracking.wbs_decline, name="track_wbs_decline"),
    path("tindak-lanjut/", views_tracking.monthly_report, name="monthly"),
]
