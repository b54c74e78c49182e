"""One complaint's staff page and the endpoint of each of its actions, under
/staf/pengaduan/<pk>/ (namespace "pengaduan_staff", set by pengaduan.urls_staff)."""

from django.urls import path

from . import views_staff_case as views
from . import views_staff_concerned

urlpatterns = [
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/verifikasi/", views.verify, name="verify"),
    path("<id:pk>/tunda/", views.request_information, name="request_information"),
    path("<id:pk>/bukan-wewenang/", views.forward, name="forward"),
    path("<id:pk>/arsipkan/", views.archive, name="archive"),
    path("<id:pk>/arsipkan-tidak-lengkap/", views.archive_incomplete, name="archive_incomplete"),
    path("<id:pk>/disposisi/", views.route, name="route"),
    path("<id:pk>/tindak-lanjut/", views.record_follow_up, name="follow_up"),
    path("<id:pk>/jawab/", views.answer, name="answer"),
    path("<id:pk>/selesaikan/", views.close, name="close"),
    path("<id:pk>/usulkan-wbs/", views.propose_wbs, name="propose_wbs"),
    path("<id:pk>/batalkan-usulan-wbs/", views.withdraw_wbs, name="withdraw_wbs"),
    path("<id:pk>/pihak-terkait/", views_staff_concerned.add_concerned, name="add_concerned"),
    path(
        "<id:pk>/pihak-terkait/<id:person>/cocokkan/",
        views_staff_concerned.match_concerned,
        name="match_concerned",
    ),
]
