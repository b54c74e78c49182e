"""A large upload is spooled to memory-backed storage, never in clear to a disk, and the
deployment check says so when it would be."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler

from casework.checks import filesystem_of, upload_spool_in_memory

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0
tmpfs /run/sigap\\040spool tmpfs rw 0 0
"""


@pytest.fixture
def mounts(tmp_path):
    table = tmp_path / "mounts"
    table.write_text(MOUNTS)
    return str(table)


def test_the_deepest_mount_names_a_folders_file_system(mounts):
    assert filesystem_of("/dev/shm", mounts) == "tmpfs"
    assert filesystem_of("/var/tmp", mounts) == "ext4"
    assert filesystem_of("/run/sigap spool/x", mounts) == "tmpfs"
    assert filesystem_of("/dev/shm", "/no/such/table") is None


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="no /dev/shm on this system")
def test_by_default_a_large_upload_is_spooled_to_shared_memory():
    assert django_settings.FILE_UPLOAD_TEMP_DIR == "/dev/shm"
    handler = TemporaryFileUploadHandler()
    handler.new_file("bukti", "bukti.pdf", "application/pdf", 10_000_000)
    try:
        assert Path(handler.file.temporary_file_path()).parent == Path("/dev/shm")
    finally:
        handler.file.close()


def test_the_deployment_check_warns_of_a_spool_on_disk(settings, tmp_path, monkeypatch):
    monkeypatch.setattr("casework.checks.filesystem_of", lambda folder: "ext4")
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    [warning] = upload_spool_in_memory()
    assert warning.id == "casework.W001" and str(tmp_path) in warning.msg
    settings.FILE_UPLOAD_TEMP_DIR = None
    assert "system temporary folder" in upload_spool_in_memory()[0].msg


def test_the_deployment_check_is_quiet_for_a_spool_in_memory(settings, monkeypatch):
    monkeypatch.setattr("casework.checks.filesystem_of", lambda folder: "tmpfs")
    settings.FILE_UPLOAD_TEMP_DIR = "/dev/shm"
    assert upload_spool_in_memory() == []
