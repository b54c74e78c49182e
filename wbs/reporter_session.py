"""The reporter's session on the WBS pages: which report this browser opened with its
receipt code, held in an encrypted cookie (wbs.cookies.SESSION), never on the server.

Every view of a reporter's own report is wrapped in `reporter_view`: the report comes
from the cookie, never from the URL, so a browser reaches the one report whose code it
entered. Each response renews the cookie's idle time. A short notice for the next page
("your message was sent") travels in the same cookie as a word from NOTICES, never as
free text.
"""

from __future__ import annotations

from functools import wraps

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import cookies
from .models import LaporanWbs

NOTICES = {
    "filed": _("Terima kasih. Laporan Anda sudah kami terima dan akan ditangani dengan rahasia."),
    "message": _("Pesan Anda terkirim kepada petugas."),
    "supplied": _("Terima kasih. Jawaban Anda terkirim dan laporan diproses kembali."),
    "evidence": _("Bukti Anda tersimpan."),
    "contact_set": _("Alamat pemberitahuan tersimpan. Kami hanya akan mengabarkan bahwa ada kabar baru."),
    "contact_forgotten": _("Alamat pemberitahuan sudah dihapus."),
}
#: Query flags of the code page, when a session ended or the reporter left.
ENDED, LEFT = "berakhir", "keluar"


def open_report(response, case_id: int, *, notice: str = "") -> None:
    """Let this browser into report `case_id` (after its code was entered or shown)."""
    cookies.SESSION.write(response, {"case": case_id, "notice": notice})


def set_notice(request, notice: str) -> None:
    """The notice the next page shows (a key of NOTICES)."""
    if notice not in NOTICES:
        raise ValueError(f"Unknown notice {notice!r}")
    request.wbs_notice = notice


def reporter_view(view):
    """Decorate a view of the reporter's own report: `view(request, case, ...)`.

    Without a valid session the reporter goes to the code page; a post they sent then is
    not kept, and the page says so. The notice left by the previous request is in
    `request.wbs_shown_notice` for the page to show.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        session = cookies.SESSION.read(request)
        case = LaporanWbs.objects.filter(pk=session["case"]).first() if session else None
        if case is None:
            target = reverse("wbs:login")
            response = redirect(f"{target}?{ENDED}=1" if request.method == "POST" else target)
            cookies.SESSION.delete(response)
            return response
        request.wbs_shown_notice = NOTICES.get(session.get("notice") or "")
        response = view(request, case, *args, **kwargs)
        open_report(response, case.pk, notice=getattr(request, "wbs_notice", ""))
        return response

    return wrapper


def leave(response) -> None:
    cookies.SESSION.delete(response)
