"""Script typed into any text of a report, or into a file name, is shown as text on every
page that shows it: the reporter's pages, the handler's page and list, the decision
page and the opened identity."""

from django.test import Client
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework.services import case_assign, note_add
from casework.tests import samples
from wbs import identity, services
from wbs.choices import Pemeriksa
from wbs.identity import Identitas
from wbs.reported import TerlaporInput

from .conftest import form_data

SCRIPT = '<script>alert("wbs")</script>'
IMG = "<img src=x onerror=alert(1)>"


def inert(body: str) -> bool:
    return SCRIPT not in body and IMG not in body and "<script>alert" not in body


def test_script_in_a_refused_form_comes_back_as_text(client, db):
    fields = {
        name: SCRIPT for name in ("apa", "dimana", "kapan", "bagaimana", "identitas_nama", "identitas_keterangan")
    }
    response = client.post(
        reverse("wbs:create"),
        form_data(
            title="",
            nilai_kerugian=IMG,
            bukti=[samples.upload(samples.WINDOWS_EXE, f"{IMG}.exe")],
            **fields,
            **{"terlapor-0-nama": SCRIPT, "terlapor-0-jabatan": IMG},
        ),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert inert(body) and "&lt;script&gt;" in body


def test_script_everywhere_in_a_report_is_text_on_every_page(client, file_wbs, wbs_handler, make_user):
    case, code = file_wbs(
        title=SCRIPT,
        apa=SCRIPT,
        dimana=IMG,
        kapan=SCRIPT,
        bagaimana=IMG,
        terlapor=[TerlaporInput(nama=SCRIPT, jabatan=IMG, unit_kerja=SCRIPT)],
        identitas=Identitas(nama=SCRIPT, keterangan=IMG),
        bukti=[samples.upload(samples.png_with_text(), f"{IMG}.png", "image/png")],
    )
    case_assign(case=case, actor=wbs_handler, assignee=wbs_handler)
    services.wbs_reporter_message(case=case, body=SCRIPT)
    services.wbs_message_reporter(case=case, actor=wbs_handler, body=IMG)
    note_add(case=case, actor=wbs_handler, body=SCRIPT)
    services.wbs_request_information(case=case, actor=wbs_handler, question=SCRIPT, note=IMG)

    reporter = Client()
    reporter.post(reverse("wbs:login"), {"code": code})
    body = reporter.get(reverse("wbs:report")).content.decode()
    assert inert(body) and body.count("&lt;script&gt;") >= 3

    services.wbs_reporter_supply(case=case, reply=IMG, tambahan={"apa": SCRIPT})
    services.wbs_verify(case=case, actor=wbs_handler, alasan=SCRIPT)
    services.wbs_send_update(case=case, actor=wbs_handler, update=IMG)
    services.wbs_examine(case=case, actor=wbs_handler, hasil_telaah=SCRIPT, pemeriksa=Pemeriksa.TIM_INTERNAL)
    access_request = identity.identity_request(case=case, actor=wbs_handler, reason=SCRIPT + " " + IMG * 2)

    decider = make_user(roles.PIMPINAN)
    verified_login(client, decider)
    assert inert(client.get(reverse("wbs_staff:identity_requests")).content.decode())
    identity.identity_approve(access_request=access_request, actor=decider, note=SCRIPT)
    services.wbs_forward(
        case=case, actor=wbs_handler, forwarded_to="lainnya", forwarded_to_name=SCRIPT, forward_reference=IMG
    )

    verified_login(client, wbs_handler)
    for url in (reverse("wbs_staff:detail", args=[case.pk]), reverse("wbs_staff:list")):
        body = client.get(url).content.decode()
        assert inert(body), url
    assert "&lt;script&gt;" in client.get(reverse("wbs_staff:detail", args=[case.pk])).content.decode()
    opened = client.post(reverse("wbs_staff:identity_open", args=[case.pk])).content.decode()
    assert inert(opened) and "&lt;script&gt;" in opened
    assert inert(reporter.get(reverse("wbs:report")).content.decode())
