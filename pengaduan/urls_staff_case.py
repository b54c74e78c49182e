"""One complaint's staff page and the endpoint of each of its actions, under
/staf/pengaduan/<pk>/ (namespace "pengaduan_staff", set by pengaduan.urls_staff)."""

from django.urls import path

from . import views_staff_case as views
from . import views_staff_concerned

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/verifikasi/", views.verify, name="verify"),
    path("<int:pk>/tunda/", views.request_information, name="request_information"),
    path("<int:pk>/bukan-wewenang/", views.forward, name="forward"),
    path("<int:pk>/arsipkan/", views.archive, name="archive"),
    path("<int:pk>/arsipkan-tidak-lengkap/", views.archive_incomplete, name="archive_incomplete"),
    path("<int:pk>/disposisi/", views.route, name="route"),
    path("<int:pk>/tindak-lanjut/", views.record_follow_up, name="follow_up"),
    path("<int:pk>/jawab/", views.answer, name="answer"),
    path("<int:pk>/selesaikan/", views.close, name="close"),
    path("<int:pk>/usulkan-wbs/", views.propose_wbs, name="propose_wbs"),
    path("<int:pk>/batalkan-usulan-wbs/", views.withdraw_wbs, name="withdraw_wbs"),
    path("<int:pk>/pihak-terkait/", views_staff_concerned.add_concerned, name="add_concerned"),
    path(
        "<int:pk>/pihak-terkait/<int:person>/cocokkan/",
        views_staff_concerned.match_concerned,
        name="match_concerned",
    ),
]
