"""The project URLs plus /staf/akun/, for tests of the staff account pages.

Used with @pytest.mark.urls until config/urls.py mounts accounts.urls_staff itself;
after that this simply equals the project URLs.
"""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = list(project_urlpatterns)
if not any(getattr(p, "namespace", None) == "accounts_staff" for p in urlpatterns):
    urlpatterns.insert(0, path("staf/akun/", include("accounts.urls_staff")))
