"""Every unit picker shows the unit tree: a unit, then the units under it, each indented
one step further, brothers by name; a picker costs the same queries whatever the size of
the tree, and every form that chooses a unit uses the one shared field."""

import importlib
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import UnitKerja
from accounts.unit_choices import INDENT, UnitChoiceField, UnitMultipleChoiceField, UnitTreeOptions, tree_order

pytestmark = pytest.mark.django_db

APPS = ("accounts", "casework", "pengaduan", "wbs", "gratifikasi", "benturan", "reports")
DINAS, BIDANG, SEKSI = UnitKerja.Level.DINAS, UnitKerja.Level.BIDANG, UnitKerja.Level.SEKSI


def unit(code, name, level, parent=None, **extra):
    return UnitKerja.objects.create(code=code, name=name, level=level, parent=parent, **extra)


@pytest.fixture
def tree():
    dinas = unit("dinas", "Dinas Kependudukan", DINAS)
    # Created out of order, so neither the key nor the code gives the tree's order.
    capil = unit("b-capil", "Bidang Pencatatan Sipil", BIDANG, dinas)
    dafduk = unit("a-dafduk", "Bidang Pendaftaran Penduduk", BIDANG, dinas)
    unit("z-perkawinan", "Seksi Perkawinan", SEKSI, capil)
    unit("y-kelahiran", "Seksi Kelahiran", SEKSI, capil)
    unit("x-identitas", "Seksi Identitas", SEKSI, dafduk)
    unit("sekretariat", "Sekretariat", BIDANG, dinas)
    return dinas


EXPECTED = [
    "Dinas Kependudukan",
    "— Bidang Pencatatan Sipil",
    "— — Seksi Kelahiran",
    "— — Seksi Perkawinan",
    "— Bidang Pendaftaran Penduduk",
    "— — Seksi Identitas",
    "— Sekretariat",
]


def labels(field) -> list[str]:
    return [str(label) for value, label in field.choices if value != ""]


def test_the_tree_order_puts_each_unit_under_its_parent_brothers_by_name(tree):
    ordered = tree_order(UnitKerja.objects.order_by("code"))
    assert [(INDENT * depth) + unit.name for unit, depth in ordered] == EXPECTED


def test_a_unit_whose_parent_is_not_offered_starts_at_the_top(tree):
    active = UnitKerja.objects.exclude(code="b-capil")
    names = [(unit.name, depth) for unit, depth in tree_order(active)]
    assert ("Seksi Kelahiran", 0) in names and ("Seksi Perkawinan", 0) in names
    assert ("Seksi Identitas", 2) in names


def test_a_parent_cycle_in_bad_data_still_offers_every_unit(tree):
    a = UnitKerja.objects.get(code="a-dafduk")
    b = UnitKerja.objects.get(code="x-identitas")
    a.parent = b  # a → b → a
    a.save()
    ordered = tree_order(UnitKerja.objects.all())
    assert sorted(unit.pk for unit, _depth in ordered) == sorted(UnitKerja.objects.values_list("pk", flat=True))


def test_the_field_shows_the_tree_and_keeps_the_empty_choice_first(tree):
    field = UnitChoiceField(queryset=UnitKerja.objects.order_by("name"), empty_label="Semua unit")
    assert field.choices[0] == ("", "Semua unit")
    assert labels(field) == EXPECTED
    html = forms.Select(choices=field.choices).render("unit", None)
    assert (
        html.index("Dinas Kependudukan") < html.index("— Bidang Pencatatan Sipil") < html.index("— — Seksi Kelahiran")
    )


def test_a_choice_is_still_the_unit_itself(tree):
    field = UnitChoiceField(queryset=UnitKerja.objects.all())
    seksi = UnitKerja.objects.get(code="y-kelahiran")
    assert field.clean(str(seksi.pk)) == seksi
    multiple = UnitMultipleChoiceField(queryset=UnitKerja.objects.all())
    assert list(multiple.clean([str(seksi.pk), str(tree.pk)])) == sorted([seksi, tree], key=lambda unit: unit.pk)


def test_showing_a_picker_costs_one_query_whatever_the_size_of_the_tree(tree):
    def queries_to_render() -> int:
        field = UnitChoiceField(queryset=UnitKerja.objects.all(), empty_label="Semua unit")
        with CaptureQueriesContext(connection) as captured:
            forms.Select(choices=field.choices).render("unit", None)
        return len(captured)

    small = queries_to_render()
    bidang = UnitKerja.objects.get(code="a-dafduk")
    for n in range(30):
        seksi = unit(f"seksi-{n}", f"Seksi {n}", SEKSI, bidang)
        unit(f"sub-{n}", f"Subseksi {n}", SEKSI, seksi)
    assert queries_to_render() == small == 1


def test_the_public_complaint_form_offers_the_tree_from_its_kept_rows(tree, client):
    from pengaduan.forms_intake import PengaduanForm

    field = PengaduanForm().fields["unit_tujuan"]
    assert labels(field) == EXPECTED
    with CaptureQueriesContext(connection) as captured:
        assert labels(field) == EXPECTED  # read from this process's copy, not the database
    assert len(captured) == 0


def _project_forms() -> list[type[forms.BaseForm]]:
    """Every form class of SIGAP's own apps (their forms*.py modules and packages)."""
    root = Path(settings.BASE_DIR)
    for app in APPS:
        for module in pkgutil.walk_packages([str(root / app)], prefix=f"{app}."):
            if "forms" in module.name.rsplit(".", 1)[-1] and ".tests" not in module.name:
                importlib.import_module(module.name)
        for package in (root / app).glob("*/forms*.py"):
            importlib.import_module(f"{app}.{package.parent.name}.{package.stem}")

    found, stack = [], [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub.__module__.split(".")[0] in APPS:
                found.append(sub)
    return found


def test_every_form_that_chooses_a_unit_shows_the_tree():
    pickers = {
        f"{form.__module__}.{form.__name__}.{name}": field
        for form in _project_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
        and field.queryset.model is UnitKerja
        # The admin finds a unit by typing its name (autocomplete_fields): no list to order.
        and not form.__module__.endswith(".admin")
    }
    # The disposition, the list filters, the staff entry and public complaint forms, the
    # declaration, the registers and the reports' forms, at least.
    assert len(pickers) >= 12, sorted(pickers)
    assert {name for name, field in pickers.items() if not issubclass(field.iterator, UnitTreeOptions)} == set()
