"""Handler and approver pages of the WBS, under /staf/wbs/ (namespace "wbs_staff";
second factor required there). Every page answers "not found" to anyone who may not see
the report (or, for the lists, holds no WBS or deciding role)."""

from django.urls import path

from . import views_identity, views_staff_case, views_staff_list

app_name = "wbs_staff"

urlpatterns = [
    path("", views_staff_list.report_list, name="list"),
    path("permintaan-identitas/", views_identity.pending, name="identity_requests"),
    path(
        "permintaan-identitas/<id:request_id>/<slug:decision>/",
        views_identity.decide,
        name="identity_decide",
    ),
    path("<id:pk>/", views_staff_case.detail, name="detail"),
    path("<id:pk>/tindakan/<slug:action>/", views_staff_case.act, name="act"),
    path("<id:pk>/pesan/", views_staff_case.message, name="message"),
    path("<id:pk>/terlapor/", views_staff_case.add_reported, name="add_reported"),
    path("<id:pk>/terlapor/<id:terlapor>/cocokkan/", views_staff_case.match_reported, name="match_reported"),
    path("<id:pk>/identitas/minta/", views_staff_case.request_identity, name="identity_request"),
    path("<id:pk>/identitas/", views_identity.open_identity, name="identity_open"),
]
