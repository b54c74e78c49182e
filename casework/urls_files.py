"""Staff file URLs, mounted at /staf/berkas/ (behind the second-factor middleware)."""

from django.urls import path

from . import views_files

app_name = "files"

urlpatterns = [
    path("<id:pk>/", views_files.download, name="download"),
]
