"""`agency` in every template: the profile of the unit running this SIGAP (the top unit's,
accounts.profiles.top_profile), for the page footer and the contact sentences. Read
only when a template uses it, and kept a minute per process."""

from django.utils.functional import SimpleLazyObject

from . import profiles


def agency(request):
    return {"agency": SimpleLazyObject(profiles.top_profile)}
