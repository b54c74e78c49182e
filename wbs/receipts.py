"""The WBS receipt code: the reporter's only key back to their report.

Shown once when the report is filed (domain.md §4), never stored: the report keeps only
its slow keyed hash (casework.tracking.slow_digest), so neither a database dump nor an
insider with the server can turn stored data back into a working code. Look-ups cost the
same work for a right, a wrong and a malformed code; the pages that call find_report
rate-limit each client (security.ratelimit) on top.
"""

from __future__ import annotations

from casework import tracking

from .models import LaporanWbs

PURPOSE = "wbs-receipt"


def new_receipt() -> tuple[str, str]:
    """A fresh code (to show once) and its stored digest."""
    code = tracking.generate_code()
    return code, tracking.slow_digest(code, purpose=PURPOSE)


def find_report(code: str) -> LaporanWbs | None:
    """The report a typed receipt code opens, or None (one scrypt and one query either way)."""
    return tracking.find_by_slow_digest(LaporanWbs.objects.all(), field="receipt_digest", code=code, purpose=PURPOSE)


def receipt_text(*, reference: str, code: str, opened: str, login_url: str) -> str:
    """The receipt as a plain text file for the reporter to keep (made for one response,
    never stored). Plain text: any phone opens it, and it carries no metadata."""
    from django.utils.translation import gettext as _

    lines = [
        _("SIGAP - Tanda terima laporan pelanggaran (WBS)"),
        "",
        _("Nomor laporan: %(reference)s") % {"reference": reference},
        _("Diterima: %(opened)s") % {"opened": opened},
        _("Kode tanda terima: %(code)s") % {"code": code},
        "",
        _("Untuk melihat perkembangan dan berkirim pesan dengan petugas, buka %(url)s lalu masukkan kode di atas.")
        % {"url": login_url},
        "",
        _(
            "Simpan berkas ini di tempat yang hanya Anda yang dapat membuka, dan jangan berikan kode kepada siapa pun: "
            "siapa saja yang memegang kode ini dapat membaca laporan Anda. Kami tidak menyimpan kode ini dan tidak "
            "dapat mengirimkannya ulang."
        ),
        "",
    ]
    return "\n".join(lines)
