"""Rupiah amounts: typed the Indonesian way, shown the Indonesian way, never float."""

from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from casework.money import RupiahError, RupiahField, format_rupiah, parse_rupiah


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Rp1.500.000", Decimal(1500000)),
        ("Rp 1.500.000", Decimal(1500000)),
        ("Rp. 1.500.000", Decimal(1500000)),
        ("1.500.000", Decimal(1500000)),
        ("1500000", Decimal(1500000)),
        ("1.500.000,00", Decimal(1500000)),
        ("1.500.000,-", Decimal(1500000)),
        (" rp1.500.000 ", Decimal(1500000)),
        ("RP1.000.001", Decimal(1000001)),
        ("0", Decimal(0)),
        ("Rp0", Decimal(0)),
        ("999", Decimal(999)),
        ("999.999.999.999.999", Decimal("999999999999999")),
        ("007", Decimal(7)),
    ],
)
def test_parse_accepts_what_people_type(text, amount):
    parsed = parse_rupiah(text)
    assert parsed == amount
    assert isinstance(parsed, Decimal)
    assert parsed == parsed.to_integral_value()
    assert parsed.as_tuple().exponent == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "wajib diisi"),
        ("   ", "wajib diisi"),
        ("-1.500.000", "negatif"),
        ("Rp-500", "negatif"),
        ("satu juta", "dengan angka"),
        ("1,5jt", "dengan angka"),
        ("Rp", "dengan angka"),
        ("1,5", "tanpa sen"),
        ("1.500.000,50", "tanpa sen"),
        ("1.50.000", "titik di antara setiap tiga angka"),
        ("1500.000.0", "titik di antara setiap tiga angka"),
        ("1.5", "titik di antara setiap tiga angka"),
        ("1,500,000", "titik sebagai pemisah ribuan"),
        ("1 500 000", "titik di antara setiap tiga angka"),
        ("1234567890123456", "terlalu besar"),
        ("١٢٣", "titik di antara setiap tiga angka"),
    ],
)
def test_parse_refuses_with_a_reason(text, message):
    with translation.override("id"), pytest.raises(RupiahError, match=message):
        parse_rupiah(text)


def test_a_refusal_is_a_value_error():
    with pytest.raises(ValueError):
        parse_rupiah("abc")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal(1500000), "Rp1.500.000"),
        (1500000, "Rp1.500.000"),
        (Decimal(0), "Rp0"),
        (0, "Rp0"),
        (Decimal(999), "Rp999"),
        (Decimal(1000), "Rp1.000"),
        (Decimal("999999999999999"), "Rp999.999.999.999.999"),
        (Decimal("1500000.50"), "Rp1.500.000,50"),
        (Decimal(-2500), "-Rp2.500"),
        (None, ""),
    ],
)
def test_format(value, text):
    assert format_rupiah(value) == text


def test_format_does_not_follow_the_active_language():
    with translation.override("en"):
        assert format_rupiah(Decimal(1500000)) == "Rp1.500.000"


@pytest.mark.parametrize("value", [1500000.0, True, "1500000"])
def test_format_refuses_float_and_other_types(value):
    with pytest.raises(TypeError):
        format_rupiah(value)


def test_parse_and_format_round_trip():
    for amount in (Decimal(1), Decimal(200000), Decimal(1000001), Decimal(123456789012345)):
        assert parse_rupiah(format_rupiah(amount)) == amount


def test_template_filter():
    template = Template("{% load money %}[{{ a|rupiah }}][{{ b|rupiah }}][{{ c|rupiah }}][{{ d|rupiah }}]")
    rendered = template.render(Context({"a": Decimal(1500000), "b": None, "c": 0, "d": "teks"}))
    assert rendered == "[Rp1.500.000][][Rp0][teks]"


class NilaiForm(forms.Form):
    nilai = RupiahField(label="Nilai")
    batas = RupiahField(required=False, min_value=Decimal(1000), max_value=Decimal(5000))


def test_field_cleans_to_decimal():
    form = NilaiForm(data={"nilai": "Rp1.500.000", "batas": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"nilai": Decimal(1500000), "batas": None}
    assert isinstance(form.cleaned_data["nilai"], Decimal)


def test_field_refuses_with_the_reason_and_keeps_what_was_typed():
    with translation.override("id"):
        form = NilaiForm(data={"nilai": "1.50.000", "batas": ""})
        assert not form.is_valid()
        assert "titik di antara setiap tiga angka" in form.errors["nilai"][0]
        assert 'value="1.50.000"' in str(form["nilai"])


def test_field_required_and_bounds():
    with translation.override("id"):
        form = NilaiForm(data={"nilai": "", "batas": "900"})
        assert not form.is_valid()
        assert "nilai" in form.errors
        assert form.errors["batas"] == ["Nilai paling sedikit Rp1.000."]
        form = NilaiForm(data={"nilai": "1", "batas": "Rp5.001"})
        assert form.errors["batas"] == ["Nilai paling banyak Rp5.000."]


def test_field_shows_an_initial_amount_formatted():
    form = NilaiForm(initial={"nilai": Decimal(1500000)})
    html = str(form["nilai"])
    assert 'value="Rp1.500.000"' in html
    assert 'inputmode="numeric"' in html
    assert 'placeholder="Rp1.500.000"' in html


def test_field_sees_no_change_when_the_same_amount_is_typed_differently():
    form = NilaiForm(data={"nilai": "1500000", "batas": ""}, initial={"nilai": Decimal(1500000)})
    assert "nilai" not in form.changed_data


@pytest.mark.parametrize("value", [1.5, True, "1500000", None])
def test_an_amount_passed_in_code_is_a_decimal_or_an_int_only(value):
    from casework.money import as_amount

    with pytest.raises(TypeError):
        as_amount(value, name="nilai")
    assert as_amount(1_500_000) == Decimal("1500000") and isinstance(as_amount(7), Decimal)
