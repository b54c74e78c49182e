from django.urls import path

from . import views_public

urlpatterns = [
    path("", views_public.home, name="home"),
    path("lacak/", views_public.track, name="track"),
    path("lacak/kasus/", views_public.track_case, name="track_case"),
    path("lacak/keluar/", views_public.track_leave, name="track_leave"),
]
