"""Every staff page and download needs a login verified with a second factor."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

STAFF_PREFIXES = ("/staf/", "/admin/")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PREFIXES):
            user = request.user
            if not user.is_authenticated or not user.is_verified():
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:login')}?{query}")
        return self.get_response(request)
