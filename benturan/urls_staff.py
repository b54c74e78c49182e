"""The staff pages of conflict cases: the list of those the user may see, and each case."""

from django.urls import path

from . import views_staff_case, views_staff_list

app_name = "benturan_staff"

urlpatterns = [
    path("", views_staff_list.case_list_page, name="list"),
    path("<id:pk>/", views_staff_case.detail, name="detail"),
    path("<id:pk>/analisis/", views_staff_case.start_analysis, name="start_analysis"),
    path("<id:pk>/pengendalian/", views_staff_case.decide_control, name="decide_control"),
    path("<id:pk>/tidak-ada-konflik/", views_staff_case.decide_no_conflict, name="decide_no_conflict"),
    path("<id:pk>/pelaksanaan/", views_staff_case.record_implementation, name="record_implementation"),
    path("<id:pk>/selesai/", views_staff_case.close_monitoring, name="close_monitoring"),
    path("<id:pk>/pengendalian/akhiri/", views_staff_case.end_control, name="end_control"),
]
