"""The Kotak Masuk counts and chooses its cases kind by kind (casework.inbox.inbox_count,
inbox_page): the same number and the same cases, in the same order, as the one query over
all kinds (casework.access.inbox_cases), for every reader, with the page's filters too."""

import pytest

from accounts.models import User
from bench.generate_cases import generate
from casework.access import inbox_cases
from casework.inbox import DueDates, inbox_count, inbox_page, urgent_cases
from casework.sla import annotate_due_status

READERS = (
    "bench-pengaduan-0",
    "bench-wbs-0",
    "bench-upg-0",
    "bench-tim-benturan-0",
    "bench-tindak-lanjut-0",
    "bench-kepala-0",
    "bench-pimpinan",
    "bench-inspektorat",
    "bench-pegawai-0",
)


@pytest.mark.django_db
def test_the_count_kind_by_kind_is_the_count_over_all_kinds():
    generate(400, seed=5, years=0.5)
    dates = DueDates.now()
    counted = 0
    for username in READERS:
        user = User.objects.get(username=username)
        assert inbox_count(user) == inbox_cases(user).count(), username
        counted += inbox_count(user)
        for kind in ("pengaduan", "benturan"):
            assert inbox_count(user, kind=kind) == inbox_cases(user).filter(kind=kind).count(), (username, kind)
        for flag in ("is_overdue", "is_waiting_over"):

            def narrow(cases, flag=flag):
                return annotate_due_status(cases, dates.today, until=dates.soon_until).filter(**{flag: True})

            expected = urgent_cases(user, dates).filter(**{flag: True}).count()
            assert inbox_count(user, narrow=narrow) == expected, (username, flag)
    assert counted  # the readers' inboxes are not all empty


@pytest.mark.django_db
def test_a_page_chosen_kind_by_kind_is_the_page_over_all_kinds():
    generate(400, seed=5, years=0.5)
    dates = DueDates.now()
    for username in READERS:
        user = User.objects.get(username=username)
        every = [case.pk for case in urgent_cases(user, dates)]
        for offset in (0, 25):
            page = inbox_page(user, dates, offset=offset, limit=25)
            assert [case.pk for case in page.cases] == every[offset : offset + 25], username
            assert all(hasattr(case, "is_overdue") for case in page.cases)
            # Counted in the same pass, when the page holds a case to carry the number.
            assert page.count == (len(every) if page.cases or offset == 0 else None), username


@pytest.mark.django_db
def test_a_kind_whose_cases_never_wait_for_the_reader_is_an_empty_page():
    """The Pimpinan's inbox asked for complaints only: the complaints' rule holds nothing
    for them, and the page is empty rather than an error."""
    generate(60, seed=5, years=0.5)
    user = User.objects.get(username="bench-pimpinan")
    for kind in ("pengaduan", "wbs", "gratifikasi", "benturan"):
        page = inbox_page(user, DueDates.now(), kind=kind, limit=25)
        assert [case.pk for case in page.cases] == [case.pk for case in urgent_cases(user).filter(kind=kind)[:25]]
        assert page.count == inbox_count(user, kind=kind)
