"""The declarant hears of each step the UPG takes, by e-mail after commit: the reference,
the new status and where to read more, never what the declaration says."""

import pytest

from gratifikasi import services
from gratifikasi.choices import State

pytestmark = pytest.mark.django_db


def test_each_upg_step_sends_one_status_mail(
    declaration_in, advance, declarant, mailoutbox, django_capture_on_commit_callbacks
):
    case = declaration_in(State.ADMINISTRASI)
    with django_capture_on_commit_callbacks(execute=True):
        advance(case, "registrasi")
    (mail,) = mailoutbox
    assert mail.to == [declarant.email]
    assert case.reference in mail.subject and "Verifikasi kelengkapan" in mail.subject
    assert "/gratifikasi/" in mail.body
    for secret in ("Budi", "Amplop", "2.000.000", "Gedung Serbaguna"):
        assert secret not in mail.body and secret not in mail.subject


def test_the_address_on_the_declaration_comes_first(
    submit_declaration, advance, mailoutbox, django_capture_on_commit_callbacks
):
    case = submit_declaration(email="rina.pribadi@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        advance(case, "registrasi")
    assert mailoutbox[0].to == ["rina.pribadi@example.test"]


def test_the_declarants_own_step_sends_nothing(
    declaration_in, declarant, mailoutbox, django_capture_on_commit_callbacks
):
    case = declaration_in(State.PERLU_DILENGKAPI)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.declaration_complete(case=case, declarant=declarant, jawaban="Sudah saya lengkapi.")
    assert mailoutbox == []


def test_a_refused_step_sends_nothing(declaration_in, advance, mailoutbox, django_capture_on_commit_callbacks):
    from casework.workflow import TransitionBlocked

    case = declaration_in(State.VERIFIKASI)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionBlocked):
        advance(case, "minta_kelengkapan", catatan="")
    assert mailoutbox == []
