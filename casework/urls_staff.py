from django.urls import path

from . import views_staff

app_name = "casework"

urlpatterns = [
    path("", views_staff.inbox, name="inbox"),
]
