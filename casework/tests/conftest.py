import datetime

import pytest

from accounts import roles
from casework.models import SlaPolicy


@pytest.fixture
def sla_uji(db):
    start = datetime.date(2020, 1, 1)
    SlaPolicy.objects.create(kind="uji", clock="verifikasi", label="Verifikasi", working_days=3, effective_from=start)
    SlaPolicy.objects.create(
        kind="uji", clock="penyelesaian", label="Penyelesaian", working_days=60, effective_from=start
    )


@pytest.fixture
def make_user(db):
    from django.contrib.auth.models import Group

    from accounts.models import User

    counter = {"n": 0}

    def make(*role_names, **extra):
        counter["n"] += 1
        n = counter["n"]
        user = User.objects.create_user(
            username=f"user{n}",
            email=f"user{n}@example.test",
            full_name=f"Pengguna {n}",
            password="Sandi-yang-kuat-123",
            **extra,
        )
        for name in role_names:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        return user

    return make


@pytest.fixture
def handler(make_user):
    return make_user(roles.PENGELOLA_PENGADUAN)


@pytest.fixture
def open_uji(sla_uji):
    from casework.services import case_open

    def open_case(**kwargs):
        kwargs.setdefault("title", "Pelayanan KTP lambat")
        kwargs.setdefault("opening_clocks", ["verifikasi"])
        return case_open(kind="uji", **kwargs)

    return open_case
