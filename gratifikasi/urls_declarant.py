"""The declarant's pages: an employee's own gift declarations."""

app_name = "gratifikasi"

urlpatterns = []
