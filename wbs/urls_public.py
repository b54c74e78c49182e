"""Reporter pages of the WBS (no account), under /wbs/ (namespace "wbs")."""

app_name = "wbs"

urlpatterns = []
