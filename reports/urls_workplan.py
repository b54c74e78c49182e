"""The work plan's Penguatan Pengawasan actions and their evidence, under
/staf/laporan/rencana-kerja/ (reports.workplan)."""

from django.urls import path

from .workplan import views

urlpatterns = [
    path("rencana-kerja/", views.index, name="workplan_index"),
    path("rencana-kerja/<int:year>/", views.year_page, name="workplan_year"),
    path("rencana-kerja/<int:year>/buat/", views.plan_create, name="workplan_create"),
    path("rencana-kerja/<int:year>/pengingat/", views.plan_settings, name="workplan_settings"),
    path("rencana-kerja/<int:year>/aksi/baru/", views.action_create, name="workplan_action_create"),
    path("rencana-kerja/aksi/<id:pk>/", views.action_detail, name="workplan_action"),
    path("rencana-kerja/aksi/<id:pk>/ubah/", views.action_change, name="workplan_action_change"),
    path("rencana-kerja/aksi/<id:pk>/aktif/", views.action_set_active, name="workplan_action_active"),
    path("rencana-kerja/aksi/<id:pk>/bukti/", views.evidence_add, name="workplan_evidence_add"),
    path("rencana-kerja/bukti/<id:pk>/", views.evidence_detail, name="workplan_evidence"),
    path("rencana-kerja/berkas/<id:pk>/", views.evidence_file, name="workplan_file"),
]
