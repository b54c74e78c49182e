"""Who reads which report (reports/access.py), role by role, the forbidden paths included:
the readers of every area, each kind's handlers in their own area only, everyone else
refused; inside a report the rows follow each kind's case policy, and WBS is counts only
outside its handlers."""

import pytest
from django.urls import reverse

from casework.kinds import get_kind
from casework.reporting import Period, reporting_of
from reports import access, monthly
from reports.document import Table, text_of

MONTHLY = "/staf/laporan/bulanan/"
RECAP = "/staf/laporan/bulanan/rekap-upg/"
AREAS = ("pengaduan", "wbs", "gratifikasi", "benturan")

#: Which areas each person of the data set reads.
READS = {
    "tpi": AREAS,
    "pimpinan": AREAS,
    "inspektorat": AREAS,
    "pengaduan": ("pengaduan",),
    "wbs": ("wbs",),
    "upg": ("gratifikasi",),
    "tim": ("benturan",),
    "pegawai": (),
    "unit_member": (),
    "unit_tindak_lanjut": (),
    "admin_sistem": (),
    "declarant": (),
}


@pytest.mark.parametrize(("who", "areas"), READS.items())
def test_each_role_reads_its_areas(people, who, areas):
    assert access.areas_for(getattr(people, who)) == list(areas)


@pytest.mark.parametrize(("who", "areas"), READS.items())
def test_each_role_opens_its_areas_and_no_other(people, signed_in, who, areas):
    client = signed_in(getattr(people, who))
    for area in AREAS:
        for fmt in ("", "pdf", "xlsx"):
            response = client.get(MONTHLY, {"bulan": "2025-06", "area": area, "format": fmt})
            assert response.status_code == (200 if area in areas else 404), (who, area, fmt)
    # With no area asked, the first of theirs; with none, refused.
    assert client.get(MONTHLY).status_code == (200 if areas else 404)
    assert client.get(RECAP, {"periode": "2025-S1"}).status_code == (200 if "gratifikasi" in areas else 404)


def test_a_signed_out_visitor_is_sent_to_sign_in(client, people):
    for url in (MONTHLY, RECAP):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_picker_offers_only_the_readers_areas(people, signed_in):
    response = signed_in(people.upg).get(MONTHLY)
    assert [value for value, _label in response.context["form"].fields["area"].choices] == ["gratifikasi"]
    response = signed_in(people.tpi).get(MONTHLY)
    assert [value for value, _label in response.context["form"].fields["area"].choices] == list(AREAS)


def test_a_bad_month_gets_a_clear_message(people, signed_in):
    client = signed_in(people.tpi)
    response = client.get(MONTHLY, {"bulan": "juni", "area": "pengaduan"})
    assert response.status_code == 400
    assert "Tulis bulan dengan format TTTT-BB, misalnya 2026-03." in response.content.decode()
    response = client.get(MONTHLY, {"bulan": "2025-09", "area": "pengaduan"})
    assert response.status_code == 400 and "belum tiba" in response.content.decode()
    response = client.get(MONTHLY, {"bulan": "2025-06", "area": "lainnya"})
    assert response.status_code == 400
    response = client.get(RECAP, {"periode": "2025"})
    assert response.status_code == 400 and "Tulis bulan (2026-03) atau semester (2026-S1)." in response.content.decode()


def _references(document, prefix: str) -> set[str]:
    found = set()
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        value = text_of(cell)
                        if isinstance(value, str) and value.startswith(prefix):
                            found.add(value)
    return found


def _references_of(dataset, *keys) -> set[str]:
    return {dataset.cases[key].reference for key in keys}


def test_wbs_is_counts_only_outside_its_handlers(dataset, signed_in):
    people, june = dataset.people, Period.month(2025, 6)
    for reader in (people.tpi, people.pimpinan):
        document = monthly.monthly_document("wbs", june, user=reader)
        assert _references(document, "WBS/") == set()
        captions = {
            block.caption for section in document.sections for block in section.blocks if isinstance(block, Table)
        }
        assert "Menurut unit kerja" not in captions
        assert "Tindak lanjut per kasus" not in {section.title for section in document.sections}
        body = signed_in(reader).get(MONTHLY, {"bulan": "2025-06", "area": "wbs"}).content.decode()
        assert "WBS/2025" not in body and "Laporan tentang pimpinan" not in body and "Penyalahgunaan wewenang" in body
    # The Pengelola WBS lists the reports routed to them, not the one on the Kepala Dinas.
    document = monthly.monthly_document("wbs", june, user=people.wbs)
    assert _references(document, "WBS/") == _references_of(dataset, "w2")
    # The Inspektorat lists the report routed to it.
    document = monthly.monthly_document("wbs", june, user=people.inspektorat)
    assert _references(document, "WBS/") == _references_of(dataset, "w3")
    # Counts are the same for every reader.
    counts = {
        text_of(monthly.monthly_document("wbs", june, user=user).sections[0].blocks[0].rows[0][1])
        for user in (people.tpi, people.wbs, people.inspektorat)
    }
    assert counts == {2}


def test_gratifikasi_rows_are_the_upgs_alone(dataset):
    people, june = dataset.people, Period.month(2025, 6)
    assert _references(monthly.monthly_document("gratifikasi", june, user=people.upg), "GRT/") == _references_of(
        dataset, "g2", "g3", "g4"
    )
    for reader in (people.tpi, people.pimpinan, people.inspektorat):
        document = monthly.monthly_document("gratifikasi", june, user=reader)
        assert _references(document, "GRT/") == set()
        notes = [block.text for section in document.sections for block in section.blocks if hasattr(block, "text")]
        assert any(note.startswith("3 kasus lain") for note in notes)


def test_benturan_rows_follow_the_cases_policy(dataset):
    people, june = dataset.people, Period.month(2025, 6)
    # The Tim and the Inspektorat see every case; the Tim ZI none; the official's superior theirs.
    assert _references(monthly.monthly_document("benturan", june, user=people.tim), "BTK/") == _references_of(
        dataset, "b2"
    )
    assert _references(monthly.monthly_document("benturan", june, user=people.inspektorat), "BTK/") == (
        _references_of(dataset, "b2")
    )
    assert _references(monthly.monthly_document("benturan", june, user=people.tpi), "BTK/") == set()


def test_a_summary_is_read_only_for_the_rows_shown(dataset, monkeypatch):
    """What a reader may not open is never decrypted for them: the kind is asked for the
    summaries of the rows shown, and only those."""
    asked = []
    reporting = reporting_of(get_kind("gratifikasi"))
    original = type(reporting).summaries

    def spy(self, case_ids, *, public):
        asked.append((list(case_ids), public))
        return original(self, case_ids, public=public)

    monkeypatch.setattr(type(reporting), "summaries", spy)
    monthly.monthly_document("gratifikasi", Period.month(2025, 6), user=dataset.people.tpi)
    assert asked == [([], False)]
    asked.clear()
    monthly.monthly_document("gratifikasi", Period.month(2025, 6), user=dataset.people.upg)
    assert sorted(asked[0][0]) == sorted(dataset.cases[key].pk for key in ("g2", "g3", "g4"))


def test_a_case_naming_the_reader_is_left_out_of_their_list(dataset):
    """The WBS report on the Kepala Dinas names them: they never see it listed, even if
    they held a WBS role."""
    from django.contrib.auth.models import Group

    from accounts import roles

    pimpinan = dataset.people.pimpinan
    pimpinan.groups.add(Group.objects.get(name=roles.INSPEKTORAT))
    pimpinan = type(pimpinan).objects.get(pk=pimpinan.pk)
    document = monthly.monthly_document("wbs", Period.month(2025, 6), user=pimpinan)
    assert _references(document, "WBS/") == set()


def test_the_superuser_flag_alone_reads_no_report(people, signed_in):
    from accounts.models import User

    admin = User.objects.create_superuser(
        username="admin", email="admin@example.test", full_name="Admin", password="Sandi-yang-kuat-123"
    )
    client = signed_in(admin)
    assert client.get(MONTHLY).status_code == 404
    assert client.get(MONTHLY, {"area": "pengaduan", "format": "xlsx"}).status_code == 404
    assert client.get(RECAP).status_code == 404
    assert access.areas_for(admin) == []
