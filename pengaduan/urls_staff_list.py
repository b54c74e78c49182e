"""The staff complaint list and the entry of complaints received through other channels
(included under /staf/pengaduan/ in the namespace "pengaduan_staff")."""

from django.urls import path

from . import views_staff_list

urlpatterns = [
    path("", views_staff_list.complaint_list, name="list"),
]
