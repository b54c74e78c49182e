from django.urls import path

from . import views_case

app_name = "case"

urlpatterns = [
    path("<int:pk>/", views_case.detail, name="detail"),
    path("<int:pk>/pesan/", views_case.post_message, name="message"),
    path("<int:pk>/catatan/", views_case.add_note, name="note"),
    path("<int:pk>/tindakan/<slug:name>/", views_case.transition, name="transition"),
    path("<int:pk>/tugaskan/", views_case.assign, name="assign"),
    path("<int:pk>/kerahasiaan/", views_case.confidentiality, name="confidentiality"),
]
