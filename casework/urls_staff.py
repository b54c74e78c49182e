from django.urls import path

from . import views_recusals, views_staff

app_name = "casework"

urlpatterns = [
    path("", views_staff.inbox, name="inbox"),
    path("mulai/", views_staff.landing, name="landing"),
    path("pengecualian/", views_recusals.recusals, name="recusals"),
    path("pengecualian/<id:pk>/cabut/", views_recusals.lift, name="recusal_lift"),
]
