# Shared by bin/demo and bin/test (sourced, not run): find Python >= 3.12, make .venv,
# install the pinned dependencies from pyproject.toml, and write a .env with fresh
# secrets if it lacks them. Afterwards $PY is the virtualenv's Python and the working
# directory is the project root.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
VENV="$ROOT/.venv"

sigap_die() {
  echo "error: $*" >&2
  exit 1
}

# True when "$1" runs and is Python 3.12 or newer.
sigap_python_ok() {
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

sigap_find_python() {
  local candidate
  local pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
  local candidates=()
  [ -n "${SIGAP_PYTHON:-}" ] && candidates+=("$SIGAP_PYTHON")
  command -v python3.12 >/dev/null 2>&1 && candidates+=("$(command -v python3.12)")
  for candidate in "$pyenv_root"/versions/3.12.*/bin/python /root/.pyenv/versions/3.12.*/bin/python; do
    [ -x "$candidate" ] && candidates+=("$candidate")
  done
  command -v python3 >/dev/null 2>&1 && candidates+=("$(command -v python3)")
  for candidate in python3.13 python3.14; do
    command -v "$candidate" >/dev/null 2>&1 && candidates+=("$(command -v "$candidate")")
  done
  for candidate in "${candidates[@]}"; do
    if sigap_python_ok "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

sigap_make_venv() {
  if [ -x "$VENV/bin/python" ] && sigap_python_ok "$VENV/bin/python"; then
    return 0
  fi
  local base
  base="$(sigap_find_python)" || sigap_die "SIGAP needs Python 3.12 or newer. Install it (e.g. 'apt-get install python3.12 python3.12-venv', or pyenv) or point SIGAP_PYTHON at it."
  if [ -e "$VENV" ]; then
    echo "Replacing $VENV: its Python does not run or is older than 3.12." >&2
    rm -rf "$VENV"
  fi
  echo "Creating .venv with $base ($("$base" --version 2>&1))"
  "$base" -m venv "$VENV" || sigap_die "could not create .venv with $base (on Debian: apt-get install python3-venv)."
}

# Installs the pinned runtime and dev dependencies; skipped while pyproject.toml is
# unchanged since the last successful install.
sigap_install() {
  local stamp="$VENV/.sigap-installed"
  local digest
  digest="$("$VENV/bin/python" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' pyproject.toml)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ]; then
    return 0
  fi
  echo "Installing dependencies from pyproject.toml ..."
  local requirements="$VENV/.sigap-requirements.txt"
  "$VENV/bin/python" - pyproject.toml >"$requirements" <<'PYTHON' || sigap_die "could not read pyproject.toml"
import sys
import tomllib

with open(sys.argv[1], "rb") as f:
    project = tomllib.load(f)["project"]
for requirement in project["dependencies"] + project.get("optional-dependencies", {}).get("dev", []):
    print(requirement)
PYTHON
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" \
    || sigap_die "installing dependencies failed (see pip's message above)."
  echo "$digest" >"$stamp"
}

# Adds each missing secret to .env; never changes a value already there.
sigap_env_file() {
  "$VENV/bin/python" - "$ROOT/.env" <<'PYTHON' || sigap_die "could not write .env"
import os
import re
import secrets
import sys

from cryptography.fernet import Fernet

path = sys.argv[1]
text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
present = set(re.findall(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=", text, re.MULTILINE))
fresh = {
    "SECRET_KEY": lambda: secrets.token_urlsafe(50),
    "SIGAP_ENCRYPTION_KEYS": lambda: "1:" + Fernet.generate_key().decode(),
    "SIGAP_LOOKUP_KEY": lambda: secrets.token_urlsafe(32),
    "SIGAP_AUDIT_KEY": lambda: secrets.token_urlsafe(32),
    "SIGAP_WBS_IDENTITY_KEYS": lambda: "1:" + secrets.token_urlsafe(32),
}
missing = [name for name in fresh if name not in present]
if missing:
    if not text:
        text = "# Local settings for this machine; never commit this file.\n"
    elif not text.endswith("\n"):
        text += "\n"
    text += "".join(f"{name}={fresh[name]()}\n" for name in missing)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"Wrote {', '.join(missing)} to .env")
PYTHON
}

sigap_make_venv
sigap_install
sigap_env_file
PY="$VENV/bin/python"
export PATH="$VENV/bin:$PATH"
