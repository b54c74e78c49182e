"""Helpers for tests that need a signed-in staff member. Import them in any app's tests:

    from accounts.testing import verified_login

    def test_inbox(client, handler):
        verified_login(client, handler)
        assert client.get("/staf/").status_code == 200

Every page under /staf/ and /admin/ needs a session that passed both the password and the
second factor (accounts.middleware.StaffSecondFactorMiddleware). `client.force_login`
alone gives a password-only session, which those pages redirect to the second-factor
step — use that to test the redirect, and verified_login for everything else.
"""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

TEST_BACKEND = "accounts.backends.NipOrEmailBackend"


def verified_login(client, user) -> TOTPDevice:
    """Sign `user` in on the test `client` with an OTP-verified session; return the device.

    Uses the user's confirmed authenticator device, creating one if there is none (so the
    user counts as enrolled afterwards). Takes no HTTP round trip and writes the same
    audit entry as a real password login (auth.login). Call it again after anything that
    ends the session (logout, password change).
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Perangkat uji", confirmed=True)
    client.force_login(user, backend=TEST_BACKEND)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def totp_token(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code `device` shows at time `at` (default: now), as a user would type it.

    A device accepts each time step once, so a test that verifies twice with one device
    needs a later `at` (e.g. time.time() + device.step) for the second code.
    """
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return str(totp.token()).zfill(device.digits)
