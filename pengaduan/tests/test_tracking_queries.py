"""The tracking page costs the same queries however long the complaint's life: its next
step reads the running clocks once, and nothing on it is read once per message, file or
history line (a history note SIGAP wrote, reopening a complaint, once cost a query)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework import next_step
from casework.attachments import add_attachment
from casework.services import message_post
from casework.tests.samples import png_with_text, upload
from pengaduan import services
from pengaduan.choices import State


def queries_of_the_page(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("track_case")).status_code == 200
    return len(queries)


@pytest.mark.parametrize("state", [State.DITERIMA, State.DITUNDA, State.DIDISPOSISIKAN, State.DIJAWAB])
def test_the_page_costs_the_same_with_more_messages_files_and_history(client, tracked, handler, advance, state):
    case = tracked(state)
    before = queries_of_the_page(client)
    for n in range(4):
        message_post(case=case, body=f"Pesan {n}", actor=handler)
        add_attachment(case=case, upload=upload(png_with_text(), f"bukti-{n}.png"), from_reporter=True)
    # More history lines (SIGAP's own notes among them), and more clocks started and
    # stopped, in the same state.
    if state == State.DIDISPOSISIKAN:
        case = advance(case, "catat_tindak_lanjut")
        case = advance(case, "jawab")
        case = services.pengaduan_rate(case=case, rating=1, comment="Belum.", reopen=True)
        case = advance(case, "disposisi")
        assert case.state == State.DIDISPOSISIKAN
    assert queries_of_the_page(client) == before


def test_the_next_step_adds_one_query_to_the_page(client, tracked, monkeypatch):
    tracked(State.DIDISPOSISIKAN)
    with_step = queries_of_the_page(client)
    monkeypatch.setattr(next_step, "next_step", lambda case, **kwargs: None)
    assert queries_of_the_page(client) == with_step - 1
