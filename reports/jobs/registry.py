"""The reports that may be made in the background, by key: what each is called and which
roles may ask for it and download it.

A report area registers its key once, at import of the module that calls request_file:

    from reports.jobs import register
    register("bulanan", label=_("Laporan tindak lanjut bulanan"), roles=(roles.PIMPINAN, ...))

The roles are copied onto each job when it is asked for (ReportJob.roles), so a download
is checked against them in any process, whether or not it imported the area's module.
"""

from __future__ import annotations

from dataclasses import dataclass

from accounts import roles as _roles


@dataclass(frozen=True)
class ReportKind:
    key: str
    label: str
    #: Roles that may ask for this report and download what was made for them.
    roles: tuple[str, ...]

    def allows(self, user) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.has_role(*self.roles))


_REGISTRY: dict[str, ReportKind] = {}


def register(key: str, *, label, roles: tuple[str, ...]) -> ReportKind:
    """Declare a report that request_file may make; registering the same again is harmless."""
    if not key or not roles:
        raise ValueError("A background report needs a key and the roles that may ask for it")
    unknown = set(roles) - set(_roles.ROLE_NAMES)
    if unknown:
        raise ValueError(f"Unknown roles for report {key!r}: {sorted(unknown)}")
    kind = ReportKind(key=key, label=label, roles=tuple(roles))
    existing = _REGISTRY.get(key)
    if existing is not None and existing != kind:
        raise ValueError(f"Background report {key!r} is registered twice, differently")
    _REGISTRY[key] = kind
    return kind


def get(key: str) -> ReportKind:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise LookupError(f"No background report {key!r} is registered") from None


def all_kinds() -> list[ReportKind]:
    return sorted(_REGISTRY.values(), key=lambda kind: kind.key)
