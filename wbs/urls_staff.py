"""Handler and approver pages of the WBS, under /staf/wbs/ (namespace "wbs_staff";
second factor required there)."""

app_name = "wbs_staff"

urlpatterns = []
