"""What the reports read of gift declarations (casework.reporting): the kind of report
(received or refused) as the kategori, and the UPG's clock to forward to KPK as its
deadline. The UPG recap keeps its own detailed figures (recap.py); the reports read them
through `recap(period)`, with the labels of its breakdowns.

The follow-up summary says what the UPG did, from its own records: the registration,
the forwarding to KPK, KPK's decision, the follow-up of the object. The public version
keeps to facts from fixed lists and dates: no registration or KPK number, nothing the
declarant or an officer wrote, and never who declared or who gave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casework.reporting import KindReporting, brief, join_summary

from .choices import (
    Clock,
    JenisLaporan,
    JenisPenerimaan,
    JenisPeristiwa,
    JenisTindakLanjut,
    State,
    StateGroup,
    StatusKpk,
)
from .policy import GratifikasiPolicy

if TYPE_CHECKING:
    from casework.reporting import Period

    from .recap import Recap

#: The labels of each breakdown of the recap, in the order of their lists.
RECAP_LABELS = {
    "jenis_laporan": {choice.value: choice.label for choice in JenisLaporan},
    "state_group": {choice.value: choice.label for choice in StateGroup},
    "penerimaan": {choice.value: choice.label for choice in JenisPenerimaan},
    "peristiwa": {choice.value: choice.label for choice in JenisPeristiwa},
    "sk_status": {choice.value: choice.label for choice in StatusKpk},
    "tindak_lanjut": {choice.value: choice.label for choice in JenisTindakLanjut},
}


def _day(day) -> str:
    return date_format(day, "j F Y")


class GratifikasiReporting(KindReporting):
    kind = "gratifikasi"
    kategori_field = "jenis_laporan"
    kategori_labels = {choice.value: choice.label for choice in JenisLaporan}
    # The declarant's own clocks (reporting to the UPG, completing) are not the unit's.
    compliance_clocks = (Clock.UPG_KPK,)
    list_url_name = "gratifikasi_staff:list"
    list_roles = GratifikasiPolicy.handler_roles
    recap_labels = RECAP_LABELS

    def recap(self, period: Period) -> Recap:
        """The UPG recap (rekapitulasi penanganan gratifikasi) of `period`: a fixed number
        of grouped queries (gratifikasi.recap)."""
        from . import recap

        return recap.recap(start=period.start, end=period.end)

    def summaries(self, case_ids: list[int], *, public: bool) -> dict[int, str]:
        from .models import Gratifikasi

        fields = [
            "pk",
            "state",
            "jenis_laporan",
            "kpk_tanggal",
            "sk_status",
            "sk_tanggal",
            "tindak_lanjut_jenis",
            "tindak_lanjut_tanggal",
        ]
        if not public:
            # Decrypted only here, for the rows the report shows.
            fields += ["nomor_registrasi_upg", "kpk_nomor", "sk_nomor", "tindak_lanjut_catatan", "aturan_dikutip"]
        rows = Gratifikasi.objects.filter(pk__in=case_ids).only(*fields)
        if not public:
            rows = rows.select_related("aturan_dikutip")
        return {row.pk: self._summary(row, public=public) for row in rows}

    @staticmethod
    def _summary(row, *, public: bool) -> str:
        parts = []
        if not public and row.nomor_registrasi_upg:
            parts.append(_("Diregistrasi UPG nomor %(number)s.") % {"number": row.nomor_registrasi_upg})
        if row.state == State.TIDAK_WAJIB:
            rule = "" if public or row.aturan_dikutip_id is None else str(row.aturan_dikutip)
            parts.append(
                _("Tidak wajib dilaporkan ke KPK menurut %(rule)s.") % {"rule": rule}
                if rule
                else _("Tidak wajib dilaporkan ke KPK.")
            )
        if row.state == State.TIDAK_DIPROSES:
            parts.append(_("Tidak diproses: pelapor tidak melengkapi laporan dalam batas waktu."))
        if row.kpk_tanggal:
            if public or not row.kpk_nomor:
                parts.append(_("Diteruskan ke KPK %(day)s.") % {"day": _day(row.kpk_tanggal)})
            else:
                parts.append(
                    _("Diteruskan ke KPK %(day)s (%(number)s).")
                    % {"day": _day(row.kpk_tanggal), "number": row.kpk_nomor}
                )
        if row.sk_status:
            parts.append(
                _("SK KPK %(day)s: %(status)s.")
                % {"day": _day(row.sk_tanggal), "status": dict(StatusKpk.choices)[row.sk_status]}
            )
        if row.tindak_lanjut_jenis:
            parts.append(
                _("Tindak lanjut %(day)s: %(what)s.")
                % {
                    "day": _day(row.tindak_lanjut_tanggal),
                    "what": dict(JenisTindakLanjut.choices)[row.tindak_lanjut_jenis],
                }
            )
        if row.state == State.SELESAI and row.jenis_laporan == JenisLaporan.PENOLAKAN:
            parts.append(_("Penolakan selesai dilaporkan ke KPK."))
        if not public and row.tindak_lanjut_catatan:
            parts.append(brief(row.tindak_lanjut_catatan))
        return join_summary(parts)


reporting = GratifikasiReporting()
