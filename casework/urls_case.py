from django.urls import path

from . import views_case, views_conflicts

app_name = "case"

urlpatterns = [
    path("<id:pk>/", views_case.detail, name="detail"),
    path("<id:pk>/pesan/", views_case.post_message, name="message"),
    path("<id:pk>/catatan/", views_case.add_note, name="note"),
    path("<id:pk>/tindakan/<slug:name>/", views_case.transition, name="transition"),
    path("<id:pk>/tugaskan/", views_case.assign, name="assign"),
    path("<id:pk>/kerahasiaan/", views_case.confidentiality, name="confidentiality"),
    path("<id:pk>/benturan-kepentingan/", views_conflicts.declare, name="declare_conflict"),
    path("<id:pk>/laporkan-benturan/", views_conflicts.report, name="report_conflict"),
]
