"""The staff complaint list and the entry of complaints received through other channels
(included under /staf/pengaduan/ in the namespace "pengaduan_staff")."""

from django.urls import path

from . import views_staff_entry, views_staff_list

urlpatterns = [
    path("", views_staff_list.complaint_list, name="list"),
    path("baru/", views_staff_entry.complaint_entry, name="create"),
    path("baru/kode/", views_staff_entry.complaint_entry_done, name="entry_done"),
]
