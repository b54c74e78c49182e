"""Which way the imports run (architecture.md, "Which way the arrows run"): security →
accounts → casework → the four kinds → reports. A kind never imports another kind (what
passes between kinds goes through a seam of the engine), the engine imports no kind and
not the reports, accounts does not import the engine, and nothing imports the reports.
Tests may reach across (they set up cases of several kinds), so only application code
is read."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"pengaduan", "wbs", "gratifikasi", "benturan"}
#: What each layer may not import.
FORBIDDEN = {
    "security": {"accounts", "casework", "reports", *KINDS},
    "accounts": {"casework", "reports", *KINDS},
    "casework": {"reports", *KINDS},
    **{kind: {"reports", *(KINDS - {kind})} for kind in KINDS},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "import_string" and node.args:
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value.split(".")[0])
    return found


def _application_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts:
            continue
        yield path


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_app_imports_only_the_layers_below_it(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & FORBIDDEN[app])
        for path in _application_files(app)
        if _imports(path) & FORBIDDEN[app]
    }
    assert not wrong, f"{app} imports what it must not: {wrong}"


def test_nothing_outside_the_reports_imports_them():
    apps = {"config", "security", "accounts", "casework", *KINDS}
    wrong = [
        str(path.relative_to(ROOT))
        for app in sorted(apps)
        for path in _application_files(app)
        if "reports" in _imports(path)
    ]
    # config/urls.py mounts the reports' pages by dotted path (include("reports...")),
    # which is the one place that names them; it does not import them.
    assert not wrong
