"""Sealing keeps a reporter's identity under its own keys, bound to its report, out of
every ordinary decryption path — key rotation of the field keys included."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db.models import TextField
from django.db.models.functions import Cast

from security.models import AuditEntry
from wbs import checks, sealing
from wbs.models import LaporanWbs, SealedIdentity


@pytest.fixture
def sealed(file_wbs, with_identity):
    case, _code = file_wbs(identitas=with_identity)
    return case, SealedIdentity.objects.get(laporan=case)


def test_a_sealed_value_is_whole_or_refused(sealed):
    case, row = sealed
    assert sealing.unseal(row.envelope, report_id=case.pk)["nama"] == "Siti Pelapor"
    prefix, version, wrapped, body = row.envelope.split(":")
    flipped = body[:-3] + ("A" if body[-3] != "A" else "B") + body[-2:]
    for altered in (f"{prefix}:{version}:{wrapped}:{flipped}", "seal1:1:xx:yy", "enc:v1:abc", ""):
        with pytest.raises(sealing.SealError):
            sealing.unseal(altered, report_id=case.pk)


def test_rotating_the_field_keys_leaves_sealed_identities_alone(sealed, settings):
    case, row = sealed
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{Fernet.generate_key().decode()},{settings.SIGAP_ENCRYPTION_KEYS}"
    call_command("rotate_encryption_keys", stdout=io.StringIO())
    again = SealedIdentity.objects.get(pk=row.pk)
    assert again.envelope == row.envelope
    # The report's ordinary fields did move to the new key, and still read.
    raw_apa = LaporanWbs.objects.filter(pk=case.pk).annotate(raw=Cast("apa", TextField())).values_list("raw", flat=True)
    raw_apa = raw_apa.get()
    assert raw_apa.startswith("enc:v2:")
    assert sealing.unseal(again.envelope, report_id=case.pk)["nama"] == "Siti Pelapor"


def test_rotating_the_sealing_key_rewraps_every_identity(sealed, settings):
    case, row = sealed
    old = sealing.configured_keys()
    settings.SIGAP_WBS_IDENTITY_KEYS = f"2:a-new-sealing-secret,{old}"
    out = io.StringIO()
    call_command("rotate_wbs_identity_keys", stdout=out)
    rotated = SealedIdentity.objects.get(pk=row.pk)
    assert rotated.key_version == 2 and rotated.envelope.split(":")[3] == row.envelope.split(":")[3]
    assert AuditEntry.objects.filter(event="wbs.identity_keys_rotated", data__identities=1).exists()
    # The old key can go now.
    settings.SIGAP_WBS_IDENTITY_KEYS = "2:a-new-sealing-secret"
    assert sealing.unseal(rotated.envelope, report_id=case.pk)["nama"] == "Siti Pelapor"
    call_command("rotate_wbs_identity_keys", stdout=out)  # nothing left: changes nothing
    assert SealedIdentity.objects.get(pk=row.pk).envelope == rotated.envelope


def test_rotation_refuses_to_run_without_the_old_key(sealed, settings):
    settings.SIGAP_WBS_IDENTITY_KEYS = "2:a-new-sealing-secret"
    with pytest.raises(Exception, match="does not list"):
        call_command("rotate_wbs_identity_keys", stdout=io.StringIO())


@pytest.mark.parametrize("spec", ["", "kunci-tanpa-versi", "1:a,1:b", "x:a"])
def test_a_malformed_key_list_is_a_configuration_error(settings, spec, monkeypatch):
    monkeypatch.delenv(sealing.SETTING, raising=False)
    settings.SIGAP_WBS_IDENTITY_KEYS = spec or ","
    with pytest.raises(ImproperlyConfigured):
        sealing.seal_keys()


class TestProductionCheck:
    @pytest.fixture(autouse=True)
    def production(self, settings, monkeypatch):
        monkeypatch.delenv(sealing.SETTING, raising=False)
        settings.SIGAP_ENV = "production"
        return settings

    def ids(self):
        return [error.id for error in checks.sealing_key_configured()]

    def test_a_missing_key_is_an_error(self, settings):
        settings.SIGAP_WBS_IDENTITY_KEYS = ""
        assert self.ids() == ["wbs.E001"]
        with pytest.raises(ImproperlyConfigured):
            sealing.configured_keys()

    def test_the_development_key_or_the_field_keys_are_errors(self, settings):
        settings.SIGAP_WBS_IDENTITY_KEYS = sealing.DEV_KEYS
        assert self.ids() == ["wbs.E002"]
        settings.SIGAP_WBS_IDENTITY_KEYS = settings.SIGAP_ENCRYPTION_KEYS
        assert self.ids() == ["wbs.E002"]

    def test_an_own_key_passes(self, settings):
        settings.SIGAP_WBS_IDENTITY_KEYS = "1:a-real-and-separate-sealing-secret"
        assert self.ids() == []


def test_development_and_tests_need_no_configuration(settings, monkeypatch):
    monkeypatch.delenv(sealing.SETTING, raising=False)
    if hasattr(settings, sealing.SETTING):
        del settings.SIGAP_WBS_IDENTITY_KEYS
    assert sealing.configured_keys() == sealing.DEV_KEYS
    assert checks.sealing_key_configured() == []
