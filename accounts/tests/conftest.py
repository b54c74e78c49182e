import pytest

from .support import NIP, PASSWORD


@pytest.fixture
def staff(db):
    from accounts.models import User

    return User.objects.create_user(
        username="budi",
        nip=NIP,
        email="budi.santoso@dukcapil.example.go.id",
        full_name="Budi Santoso",
        password=PASSWORD,
    )


@pytest.fixture
def other_staff(db):
    from accounts.models import User

    return User.objects.create_user(
        username="sari",
        nip="199002022015022002",
        email="sari@dukcapil.example.go.id",
        full_name="Sari Dewi",
        password=PASSWORD,
    )


@pytest.fixture
def superuser(db):
    from accounts.models import User

    return User.objects.create_superuser(
        username="root", email="admin@dukcapil.example.go.id", full_name="Admin Utama", password=PASSWORD
    )


@pytest.fixture
def enrolled(staff):
    """`staff` with a confirmed authenticator that has never accepted a code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=staff, name="Ponsel", confirmed=True)
