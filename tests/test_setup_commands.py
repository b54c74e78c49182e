"""The two commands of the README (bin/demo, bin/test), CI, and the demo data they rely on."""

import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.models import UnitKerja, User
from accounts.testing import totp_token
from casework.management.commands import seed_demo

ROOT = Path(settings.BASE_DIR)
SCRIPTS = ["bin/demo", "bin/test", "bin/i18n", ".ci/run"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_is_executable_and_parses(script):
    path = ROOT / script
    assert path.is_file()
    assert os.access(path, os.X_OK), f"{script} is not executable (git update-index --chmod=+x)"
    assert path.read_text().startswith("#!/usr/bin/env bash\n")
    result = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_shared_setup_parses():
    result = subprocess.run(["bash", "-n", str(ROOT / "bin" / "_setup.sh")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_ci_stops_at_the_first_failure():
    assert "set -euo pipefail" in (ROOT / ".ci" / "run").read_text()


def test_readme_gives_the_two_commands_first():
    readme = (ROOT / "README.md").read_text()
    assert "bin/demo" in readme and "bin/test" in readme
    first_section = readme.split("\n## ", 2)[1]
    assert "bin/demo" in first_section and "bin/test" in first_section


def test_readme_documents_every_environment_variable():
    source = (ROOT / "config" / "settings.py").read_text()
    names = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', source))
    assert {"SECRET_KEY", "DATABASE_URL", "SIGAP_ENV"} <= names
    readme = (ROOT / "README.md").read_text()
    assert sorted(name for name in names if f"`{name}`" not in readme) == []


def test_test_script_treats_no_tests_as_failure(tmp_path):
    """bin/test turns pytest's "no tests ran" (exit 5) into a failure with a message."""
    if not shutil.which("bash"):
        pytest.skip("bash missing")
    # A copy of bin/test whose setup only points $PY at this interpreter.
    (tmp_path / "bin").mkdir()
    shutil.copy(ROOT / "bin" / "test", tmp_path / "bin" / "test")
    (tmp_path / "bin" / "_setup.sh").write_text(f'cd "$(dirname "${{BASH_SOURCE[0]}}")/.."\nPY="{sys.executable}"\n')
    (tmp_path / "test_nothing.py").write_text("")
    result = subprocess.run(
        ["bash", "bin/test", "-p", "no:django", "-p", "no:cacheprovider", "test_nothing.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "no test was collected or run" in result.stderr


def test_bin_test_spreads_the_tests_over_every_core_unless_told(tmp_path):
    """pytest-xdist is installed: bin/test runs with `-n auto`, and a caller's `-n 0` (or
    `-p no:xdist`) is left alone rather than contradicted."""
    (tmp_path / "bin").mkdir()
    shutil.copy(ROOT / "bin" / "test", tmp_path / "bin" / "test")
    # A stand-in interpreter that prints the arguments bin/test gives pytest.
    (tmp_path / "python").write_text('#!/usr/bin/env bash\necho "$@"\n')
    (tmp_path / "python").chmod(0o755)
    (tmp_path / "bin" / "_setup.sh").write_text(
        f'cd "$(dirname "${{BASH_SOURCE[0]}}")/.."\nPY="{tmp_path / "python"}"\n'
    )

    def arguments(*given: str) -> str:
        result = subprocess.run(["bash", "bin/test", *given], cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert arguments() == "-m pytest -q -n auto"
    assert arguments("-k", "inbox") == "-m pytest -q -n auto -k inbox"
    assert arguments("-n", "0") == "-m pytest -q -n 0"
    assert arguments("-p", "no:xdist") == "-m pytest -q -p no:xdist"
    assert importlib.util.find_spec("xdist") is not None  # the plugin `-n auto` needs


def test_manage_py_prints_no_axes_banner():
    """django-axes announces its version and settings on every start unless told not to
    (AXES_VERBOSE): every manage.py command printed it before its own output."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "AXES" not in result.stdout + result.stderr
    assert result.stderr == ""


def run_seed(**options):
    out = io.StringIO()
    call_command("seed_demo", "--no-qr", stdout=out, **options)
    return out.getvalue()


def test_demo_passwords_satisfy_the_validators():
    for spec in seed_demo.USERS:
        probe = User(username=spec.username, email=seed_demo.demo_email(spec.username), full_name=spec.full_name)
        validate_password(spec.password, probe)
        assert len(spec.password) >= 12


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_covers_every_role():
    run_seed()
    counts = (User.objects.count(), UnitKerja.objects.count(), TOTPDevice.objects.count())
    secrets = dict(TOTPDevice.objects.values_list("user__username", "key"))
    output = run_seed()
    assert (User.objects.count(), UnitKerja.objects.count(), TOTPDevice.objects.count()) == counts
    # Authenticator apps set up from the first run keep working.
    assert dict(TOTPDevice.objects.values_list("user__username", "key")) == secrets

    for role in roles.ROLE_NAMES:
        assert User.objects.filter(groups__name=role).exists(), role
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.has_role(roles.ADMIN_SISTEM)
    assert all(TOTPDevice.objects.filter(user=user, confirmed=True).exists() for user in User.objects.all())

    # Every published login works.
    for spec in seed_demo.USERS:
        assert User.objects.get(nip=spec.nip).check_password(spec.password)
        assert spec.nip in output and spec.password in output
    assert output.count("otpauth://totp/") == len(seed_demo.USERS)


@pytest.mark.django_db
def test_seed_demo_builds_the_unit_tree_with_heads():
    run_seed()
    dinas = UnitKerja.objects.get(level=UnitKerja.Level.DINAS)
    bidang = list(dinas.children.all())
    assert len(bidang) == 3
    for unit in bidang:
        assert unit.children.filter(level=UnitKerja.Level.SEKSI).count() == 2
    assert not UnitKerja.objects.filter(head__isnull=True).exists()
    assert dinas.head.has_role(roles.PIMPINAN)


@pytest.mark.django_db
def test_seed_demo_ends_with_the_logins_and_draws_qr_codes_only_when_asked():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    output = out.getvalue()
    assert "█" not in output
    assert output.index("otpauth://totp/") < output.index("Demo logins")
    pimpinan = next(spec for spec in seed_demo.USERS if spec.represents == roles.PIMPINAN)
    out = io.StringIO()
    call_command("seed_demo", "--qr", pimpinan.nip, stdout=out)
    assert out.getvalue().count(pimpinan.nip) >= 3 and "█" in out.getvalue()
    # Asked for, the code comes after the login table, never before it.
    assert out.getvalue().index("Demo logins") < out.getvalue().index("█")
    out = io.StringIO()
    call_command("seed_demo", "--qr", stdout=out)
    # Each QR code's first row draws the tops of two finder squares.
    first_rows = [line for line in out.getvalue().splitlines() if line.startswith("██") and "▄▄▄▄▄" in line]
    assert len(first_rows) >= len(seed_demo.USERS)


@pytest.mark.django_db
def test_seed_demo_calls_each_case_apps_demo_module(monkeypatch):
    calls = []
    module = types.ModuleType("pengaduan.demo")
    module.create_demo_cases = lambda *, users, units: calls.append((users, units))
    monkeypatch.setitem(sys.modules, "pengaduan.demo", module)
    output = run_seed()
    ((users, units),) = calls
    assert set(users) == set(roles.ROLE_NAMES)
    assert users[roles.PIMPINAN].username == "pimpinan"
    assert units["disdukcapil"].level == UnitKerja.Level.DINAS
    assert "Demo cases from: pengaduan" in output


@pytest.mark.django_db
@override_settings(SIGAP_ENV="production")
def test_seed_demo_refuses_production():
    with pytest.raises(CommandError):
        run_seed()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_demo_totp_prints_a_code_the_device_accepts():
    run_seed()
    out = io.StringIO()
    with override_settings(SIGAP_ENV="development"):
        call_command("demo_totp", "pimpinan@disdukcapil.example", stdout=out, stderr=io.StringIO())
    code = out.getvalue().strip()
    assert re.fullmatch(r"\d{6}", code)
    device = TOTPDevice.objects.get(user__username="pimpinan")
    assert code in {totp_token(device), totp_token(device, at=time.time() - device.step)}
    assert device.verify_token(code)


@pytest.mark.django_db
def test_demo_totp_accepts_a_nip_and_rejects_strangers():
    run_seed()
    with override_settings(SIGAP_ENV="development"):
        out = io.StringIO()
        call_command("demo_totp", "197305121998031002", stdout=out, stderr=io.StringIO())
        assert re.fullmatch(r"\d{6}\n", out.getvalue())
        with pytest.raises(CommandError):
            call_command("demo_totp", "orang@lain.example", stdout=io.StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize("environment", ["test", "production"])
def test_demo_totp_runs_only_in_development(environment):
    run_seed()
    with override_settings(SIGAP_ENV=environment), pytest.raises(CommandError, match="development"):
        call_command("demo_totp", "pimpinan@disdukcapil.example", stdout=io.StringIO())
