"""The UPG's pages: every declaration but the officer's own, the custody register, the recap."""

app_name = "gratifikasi_staff"

urlpatterns = []
