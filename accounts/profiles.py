"""Which profile (letterhead, contacts) speaks for a unit: its own, else its nearest
parent's, else the top unit's; None when no unit has one yet. And the pieces every page,
print and notice to the public takes from it (the agency's name and how to reach it)."""

from __future__ import annotations

import time

from django.conf import settings
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _

from .models import UnitKerja, UnitProfile


def profile_for(unit: UnitKerja | None = None) -> UnitProfile | None:
    if unit is not None:
        chain = _chain(unit.pk)
        found = {profile.unit_id: profile for profile in UnitProfile.objects.filter(unit_id__in=chain)}
        for unit_id in chain:
            if unit_id in found:
                return found[unit_id]
    # The top unit's own profile first, else any unit's (one query either way).
    return UnitProfile.objects.order_by(F("unit__parent").asc(nulls_first=True), "unit__code").first()


def _chain(unit_id: int) -> list[int]:
    """The unit and its parents, nearest first, read in one query (the unit tree is a
    short table; walking `parent` would ask once per level)."""
    parents = dict(UnitKerja.objects.values_list("pk", "parent_id"))
    chain: list[int] = []
    while unit_id is not None and unit_id not in chain:
        chain.append(unit_id)
        unit_id = parents.get(unit_id)
    return chain


def top_unit() -> UnitKerja | None:
    """The unit at the top of the tree (the Dinas), whose head signs the reports."""
    return UnitKerja.objects.filter(parent__isnull=True, is_active=True).order_by("code").first()


# --- The agency as the public sees it ------------------------------------------------------

_top: dict = {}


def top_profile() -> UnitProfile | None:
    """The top unit's profile (profile_for(None)), kept SIGAP_PROFILE_CACHE_SECONDS per
    process (every page's footer shows it). An edit in the admin clears this process's
    copy at once (signals); other processes see it within that time."""
    now = time.monotonic()
    if _top and now - _top["at"] < settings.SIGAP_PROFILE_CACHE_SECONDS:
        return _top["profile"]
    profile = profile_for(None)
    _top.update(profile=profile, at=now)
    return profile


def forget_top_profile(**_kwargs) -> None:
    _top.clear()


post_save.connect(forget_top_profile, sender=UnitProfile, dispatch_uid="accounts.profiles.saved")
post_delete.connect(forget_top_profile, sender=UnitProfile, dispatch_uid="accounts.profiles.deleted")


def contact_line(profile: UnitProfile | None) -> str:
    """Address, telephone, e-mail and website on one line ("" without a profile)."""
    if profile is None:
        return ""
    phone = _("Telp. %(phone)s") % {"phone": profile.phone} if profile.phone else ""
    return " · ".join(part for part in (profile.address, phone, profile.email, profile.website) if part)


def signature_lines(profile: UnitProfile | None) -> list[str]:
    """The closing lines of a notice to a member of the public: who writes, and how to
    reach them in person."""
    if profile is None:
        return []
    lines = ["--", profile.official_name]
    if profile.parent_agency:
        lines.append(profile.parent_agency)
    contact = contact_line(profile)
    if contact:
        lines.append(contact)
    if profile.office_hours:
        lines.append(_("Jam layanan: %(hours)s") % {"hours": profile.office_hours})
    return lines


def sms_signature(profile: UnitProfile | None) -> str:
    """A short sign-off for an SMS: the unit's name and telephone."""
    if profile is None:
        return ""
    return " ".join(part for part in (profile.official_name, profile.phone) if part)
