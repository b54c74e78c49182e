"""What the reports read of WBS reports (casework.reporting). Outside the WBS handlers a
report shows WBS figures as counts only, and no public list ever has a WBS row
(`counts_only`). The follow-up summary is read only for the rows a handler may open
(reports.access passes those): the finding, where it was forwarded, and the reasons the
handler wrote, shortened."""

from django.utils.translation import gettext as _

from accounts import roles
from casework.reporting import KindReporting, brief, join_summary

from .choices import Clock, Kategori, Pemeriksa, State, Temuan, TujuanPenerusan


class WbsReporting(KindReporting):
    kind = "wbs"
    kategori_field = "kategori"
    kategori_labels = {choice.value: choice.label for choice in Kategori}
    compliance_clocks = (Clock.TANGGAPAN_AWAL,)
    counts_only = True
    list_url_name = "wbs_staff:list"
    # Content only for the Pengelola WBS; everyone else reads counts (counts_only).
    list_roles = (roles.PENGELOLA_WBS,)

    def summaries(self, case_ids: list[int], *, public: bool) -> dict[int, str]:
        if public:
            return {}
        from .models import LaporanWbs

        rows = LaporanWbs.objects.filter(pk__in=case_ids).only(
            "pk",
            "state",
            "pemeriksa",
            "temuan",
            "rekomendasi",
            "forwarded_to",
            "forwarded_to_name",
            "alasan_tidak_ditindaklanjuti",
        )
        return {row.pk: self._staff(row) for row in rows}

    @staticmethod
    def _staff(row) -> str:
        parts = []
        if row.pemeriksa and row.state in (State.DIPERIKSA, State.SELESAI):
            parts.append(_("Diperiksa oleh %(who)s.") % {"who": dict(Pemeriksa.choices)[row.pemeriksa]})
        if row.temuan:
            parts.append(_("Hasil pemeriksaan: %(result)s.") % {"result": dict(Temuan.choices)[row.temuan]})
        if row.rekomendasi:
            parts.append(_("Rekomendasi: %(text)s") % {"text": brief(row.rekomendasi)})
        if row.state == State.DITERUSKAN and row.forwarded_to:
            target = row.forwarded_to_name or dict(TujuanPenerusan.choices)[row.forwarded_to]
            parts.append(_("Diteruskan kepada %(to)s.") % {"to": target})
        if row.state == State.TIDAK_DAPAT_DITINDAKLANJUTI:
            parts.append(
                _("Tidak dapat ditindaklanjuti: %(reason)s") % {"reason": brief(row.alasan_tidak_ditindaklanjuti)}
            )
        return join_summary(parts)


reporting = WbsReporting()
