from django.urls import path

from . import views_public

urlpatterns = [
    path("", views_public.home, name="home"),
    path("logo/", views_public.agency_logo, name="agency_logo"),
    path("lacak/", views_public.track, name="track"),
    path("lacak/kasus/", views_public.track_case, name="track_case"),
    # Only the tracking session names the case; a file is looked up within that case.
    path("lacak/lampiran/", views_public.track_attach, name="track_attach"),
    path("lacak/lampiran/<id:pk>/", views_public.track_file, name="track_file"),
    path("lacak/keluar/", views_public.track_leave, name="track_leave"),
]
