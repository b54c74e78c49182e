"""What the reports read of complaints (casework.reporting): channel, kategori layanan,
the staff clocks that decide whether a complaint was handled in time, and the summary
of each complaint's follow-up.

The public version keeps to what pengaduan/monthly.py says may be published: nothing the
complainant wrote, no reference, and not the answer (jawaban) nor the unit's follow-up
text (tindak_lanjut), which were written to one person or for the handlers and nobody
reviewed for publication. Its summary is made only of facts from fixed lists and dates
(the archive reason, the unit the complaint went to, when it was answered). A complaint
moved to the WBS, or waiting for its complainant's consent to be moved, is never a
public row: the row would say that a whistle-blowing report came from it.
"""

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from casework.reporting import KindReporting, brief, join_summary

from .choices import ArchiveReason, Channel, Clock, State
from .policy import PengaduanPolicy

#: States whose row would tell the public a WBS report was made.
NEVER_PUBLIC_STATES = (State.DIPINDAHKAN_KE_WBS, State.MENUNGGU_PERSETUJUAN_WBS)


def _day(moment) -> str:
    return date_format(localdate(moment), "j F Y")


class PengaduanReporting(KindReporting):
    kind = "pengaduan"
    channel_field = "channel"
    channel_labels = {choice.value: choice.label for choice in Channel}
    # Kategori layanan is a table the unit edits; its name is the label.
    kategori_field = "kategori__name"
    compliance_clocks = (Clock.VERIFIKASI, Clock.TINDAK_LANJUT, Clock.PENYELESAIAN)
    list_url_name = "pengaduan_staff:list"
    # Handlers and observers see every complaint; a unit member only its unit's.
    list_roles = (*PengaduanPolicy.handler_roles, *PengaduanPolicy.observer_roles)
    list_filters_unit = True

    def public_cases(self, cases: QuerySet) -> QuerySet:
        return super().public_cases(cases).exclude(state__in=NEVER_PUBLIC_STATES)

    def public_list_url(self, year: int, month: int) -> str:
        """The complaints' own public monthly page (pengaduan/monthly.py), which lists each
        published complaint with the working days its answer took."""
        from django.urls import reverse

        return f"{reverse('pengaduan:monthly')}?bulan={year:04d}-{month:02d}"

    def summaries(self, case_ids: list[int], *, public: bool) -> dict[int, str]:
        from .models import Pengaduan

        fields = ["pk", "state", "archive_reason", "answered_at", "reopened_count", "unit__name"]
        if not public:
            # Decrypted only here, for the rows the report shows.
            fields += ["tindak_lanjut", "forwarded_to"]
        rows = Pengaduan.objects.filter(pk__in=case_ids).select_related("unit").only(*fields)
        return {row.pk: (self._public(row) if public else self._staff(row)) for row in rows}

    @staticmethod
    def _outcome(row) -> str:
        if row.state == State.DIARSIPKAN:
            reason = dict(ArchiveReason.choices).get(row.archive_reason, "")
            return _("Diarsipkan: %(reason)s.") % {"reason": reason} if reason else _("Diarsipkan.")
        if row.state == State.DIPINDAHKAN_KE_WBS:
            return _("Dipindahkan ke WBS atas persetujuan pelapor.")
        if row.state == State.MENUNGGU_PERSETUJUAN_WBS:
            return _("Diusulkan pindah ke WBS; menunggu persetujuan pelapor.")
        return ""

    def _staff(self, row) -> str:
        forwarded = ""
        if row.state == State.DITERUSKAN:
            forwarded = _("Diteruskan kepada %(to)s.") % {"to": row.forwarded_to} if row.forwarded_to else ""
        follow_up = brief(row.tindak_lanjut)
        return join_summary(
            [
                self._outcome(row),
                forwarded,
                _("Tindak lanjut unit: %(text)s") % {"text": follow_up} if follow_up else "",
                _("Dijawab %(day)s.") % {"day": _day(row.answered_at)} if row.answered_at else "",
                _("Dibuka kembali %(count)d kali.") % {"count": row.reopened_count} if row.reopened_count else "",
            ]
        )

    def _public(self, row) -> str:
        followed = ""
        if row.unit_id and row.state in (State.DITINDAKLANJUTI, State.DIJAWAB, State.SELESAI):
            followed = _("Ditindaklanjuti oleh %(unit)s.") % {"unit": row.unit.name}
        return join_summary(
            [
                self._outcome(row),
                _("Diteruskan ke instansi yang berwenang.") if row.state == State.DITERUSKAN else "",
                followed,
                _("Dijawab %(day)s.") % {"day": _day(row.answered_at)} if row.answered_at else "",
            ]
        )


reporting = PengaduanReporting()
