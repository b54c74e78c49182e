"""The semester monev report and its records, under /staf/laporan/monev/ (reports.monev)."""

from django.urls import path

from .monev import views_records, views_report

_SEMESTER = "monev/<int:year>/semester-<int:semester>/"

urlpatterns = [
    path("monev/", views_report.index, name="monev_index"),
    path(_SEMESTER, views_report.semester, name="monev_semester"),
    path(_SEMESTER + "ubah/", views_report.edit, name="monev_edit"),
    path(_SEMESTER + "ajukan/", views_report.submit, name="monev_submit"),
    path(_SEMESTER + "tandatangani/", views_report.sign, name="monev_sign"),
    path(_SEMESTER + "buka-kembali/", views_report.reopen, name="monev_reopen"),
    path(_SEMESTER + "versi/<int:number>/", views_report.version, name="monev_version"),
    path("monev/rapat/baru/", views_records.meeting_create, name="monev_meeting_create"),
    path("monev/rapat/<id:pk>/", views_records.meeting_detail, name="monev_meeting"),
    path("monev/rapat/<id:pk>/ubah/", views_records.meeting_change, name="monev_meeting_change"),
    path("monev/rapat/<id:pk>/berkas/", views_records.meeting_files, name="monev_meeting_files"),
    path("monev/rapat/<id:pk>/masukan/baru/", views_records.recommendation_create, name="monev_recommendation_create"),
    path("monev/berkas-rapat/<id:pk>/", views_records.meeting_file, name="monev_meeting_file"),
    path("monev/masukan/", views_records.recommendation_list, name="monev_recommendations"),
    path("monev/masukan/<id:pk>/", views_records.recommendation_detail, name="monev_recommendation"),
    path("monev/masukan/<id:pk>/ubah/", views_records.recommendation_change, name="monev_recommendation_change"),
    path(
        "monev/masukan/<id:pk>/buka-kembali/",
        views_records.recommendation_reopen,
        name="monev_recommendation_reopen",
    ),
    path("monev/berkas-tindak-lanjut/<id:pk>/", views_records.follow_up_file, name="monev_follow_up_file"),
]
