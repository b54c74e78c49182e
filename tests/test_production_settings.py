"""Production refuses to start without real secrets (settings load once, so each case runs
in its own process)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
SECRETS = [
    "SECRET_KEY",
    "SIGAP_ENCRYPTION_KEYS",
    "SIGAP_LOOKUP_KEY",
    "SIGAP_AUDIT_KEY",
    "SIGAP_WBS_IDENTITY_KEYS",
    "ALLOWED_HOSTS",
]
REAL = {
    "SECRET_KEY": "k" * 60,
    "SIGAP_ENCRYPTION_KEYS": f"1:{Fernet.generate_key().decode()}",
    "SIGAP_LOOKUP_KEY": "lookup-key-of-a-real-installation",
    "SIGAP_AUDIT_KEY": "audit-key-of-a-real-installation",
    "SIGAP_WBS_IDENTITY_KEYS": "1:sealing-key-of-a-real-installation",
    "ALLOWED_HOSTS": "sigap.example.go.id",
}


def load_settings(**values):
    env = {k: v for k, v in os.environ.items() if k not in SECRETS and k != "DEBUG"}
    # Every secret is set explicitly (empty when "missing"), so a local .env cannot fill it in.
    env.update({name: "" for name in SECRETS}, SIGAP_ENV="production", **values)
    code = "import config.settings as s; print('started', s.DEBUG)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_starts_with_real_secrets():
    result = load_settings(**REAL)
    assert result.returncode == 0, result.stderr
    assert "started False" in result.stdout


@pytest.mark.parametrize("missing", SECRETS)
def test_production_refuses_a_missing_secret(missing):
    result = load_settings(**{**REAL, missing: ""})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and missing in result.stderr


def test_production_refuses_the_development_defaults():
    from config import settings as dev

    defaults = {
        "SECRET_KEY": dev._DEV_SECRET_KEY,
        "SIGAP_ENCRYPTION_KEYS": dev._DEV_ENCRYPTION_KEYS,
        "SIGAP_LOOKUP_KEY": dev._DEV_LOOKUP_KEY,
        "SIGAP_AUDIT_KEY": dev._DEV_AUDIT_KEY,
        "SIGAP_WBS_IDENTITY_KEYS": dev._DEV_WBS_IDENTITY_KEYS,
    }
    result = load_settings(**{**REAL, **defaults})
    assert result.returncode != 0
    assert all(name in result.stderr for name in defaults)


def test_production_refuses_sealing_identities_with_the_field_keys():
    result = load_settings(**{**REAL, "SIGAP_WBS_IDENTITY_KEYS": REAL["SIGAP_ENCRYPTION_KEYS"]})
    assert result.returncode != 0
    assert "SIGAP_WBS_IDENTITY_KEYS (must differ from SIGAP_ENCRYPTION_KEYS)" in result.stderr


def test_production_refuses_debug():
    result = load_settings(**REAL, DEBUG="on")
    assert result.returncode != 0 and "DEBUG" in result.stderr
