"""The declarant's pages: an employee's own gift declarations."""

from django.urls import path

from . import views_declarant as views

app_name = "gratifikasi"

urlpatterns = [
    path("", views.declaration_list, name="list"),
    # The landing page's service card links here by the name every service gives its start.
    path("", views.declaration_list, name="home"),
    path("baru/", views.declaration_new, name="new"),
    path("<id:pk>/", views.declaration_detail, name="detail"),
    path("<id:pk>/lengkapi/", views.declaration_complete, name="complete"),
    path("<id:pk>/pesan/", views.declaration_message, name="message"),
    path("<id:pk>/tanda-terima.pdf", views.declaration_receipt, name="receipt"),
    path("<id:pk>/berkas/<id:file_pk>/", views.declaration_file, name="photo"),
]
